using Assessment.Benchmarks.National;
using Assessment.Benchmarks.Peer;
using BenchmarkDotNet.Running;

// National dataset benchmarks (see National/): national-feed, national-rescore.
if (NationalCommands.Handles(args))
{
    return await NationalCommands.RunAsync(args, Console.Out);
}

// dotnet run -c Release --project Assessment.Benchmarks -- --filter '*'
// dotnet run -c Release --project Assessment.Benchmarks -- odata-peer --db DATA/assessment.db   (see docs/performance-odata-peer.md)
if (PeerCommand.Handles(args))
{
    return await PeerCommand.RunAsync(args, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
