using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Assessment.Benchmarks;

/// <summary>
/// Scoring throughput on the shipped 2022 criteria (every item answered, a realistic mix of
/// losses and N/A). Runs on one core (affinity 1). Item-answers per second = items / mean time of
/// <see cref="ScoreOneChecklist"/>.
/// </summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    public const int RescoreCount = 60_000;

    private CriteriaVersion criteria = null!;
    private Checklist[] checklists = null!;

    [GlobalSetup]
    public void Setup()
    {
        criteria = ShippedCriteria.Load("qh-demo-2022");
        checklists = ChecklistGenerator.Generate(criteria, RescoreCount, seed: 2022);
        Console.WriteLine($"// criteria {criteria.Id}: {criteria.Items.Count} items per checklist");
    }

    [Benchmark(Description = "score one checklist")]
    public Scorecard ScoreOneChecklist() => Scorer.Score(criteria, checklists[0]);

    [Benchmark(Description = "rescore 60,000 checklists")]
    public decimal RescoreSixtyThousand()
    {
        var sum = 0m;
        foreach (var checklist in checklists)
        {
            sum += Scorer.Score(criteria, checklist).Total ?? 0m;
        }

        return sum;
    }

    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig()
        {
            AddJob(Job.Default.WithAffinity(1));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
