using Assessment.Benchmarks.Peer;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project Assessment.Benchmarks -- --filter '*'
// dotnet run -c Release --project Assessment.Benchmarks -- odata-peer --db DATA/assessment.db   (see docs/performance-odata-peer.md)
if (PeerCommand.Handles(args))
{
    return await PeerCommand.RunAsync(args, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
