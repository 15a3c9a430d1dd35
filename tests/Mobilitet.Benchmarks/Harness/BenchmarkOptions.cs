using System.Globalization;
using Mobilitet.Local.Engine;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>The command line: which stages, how many agreements, how long a policy day is, where the JSON goes.</summary>
internal sealed record BenchmarkOptions(IReadOnlyList<string> Stages, IReadOnlyList<int> Sizes, TimeSpan DayLength, string Output, IReadOnlyList<EngineProvider> Providers)
{
    public const string Usage = "--stages throughput,hellocities,history,storage,scale,latency --n 100[,1000] --providers InMemory,AzureStorage --day-ms 100 --out artifacts/benchmarks.json";

    public static BenchmarkOptions Parse(string[] args, IReadOnlyCollection<string> knownStages)
    {
        var stages = new List<string>();
        var sizes = new List<int>();
        var providers = new List<EngineProvider>();
        var dayMs = 100.0;
        var output = "artifacts/benchmarks.json";
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option {args[i]} has no value (use {Usage})");
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--stages":
                    stages.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--n":
                    sizes.AddRange(value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
                    break;
                case "--providers":
                    providers.AddRange(value.Split(',').Select(p => Enum.Parse<EngineProvider>(p, ignoreCase: true)));
                    break;
                case "--day-ms":
                    dayMs = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = value;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]} (use {Usage})");
            }
        }

        var unknown = stages.Except(knownStages, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown stage {string.Join(", ", unknown)} (known: {string.Join(", ", knownStages)})");
        }

        return new BenchmarkOptions(stages.Count == 0 ? [.. knownStages] : stages, sizes.Count == 0 ? [100] : sizes, TimeSpan.FromMilliseconds(dayMs), output, providers.Count == 0 ? [EngineProvider.InMemory, EngineProvider.AzureStorage] : providers);
    }
}
