using BenchmarkDotNet.Running;

// dotnet run -c Release --project Assessment.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
