using Assessment.Benchmarks.National;
using BenchmarkDotNet.Running;

// National dataset benchmarks (see National/): national-feed, national-rescore.
if (NationalCommands.Handles(args))
{
    return await NationalCommands.RunAsync(args, Console.Out);
}

// dotnet run -c Release --project Assessment.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
