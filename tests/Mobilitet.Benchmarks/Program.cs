using Mobilitet.Benchmarks.Harness;
using Mobilitet.Benchmarks.Stages;
using Mobilitet.Testing;

// Issue 9's benchmark: every number beside a baseline measured in the same process. One command (README):
//   dotnet run -c Release --project tests/Mobilitet.Benchmarks -- --stages throughput --n 100,1000
var stages = new Dictionary<string, Stage>(StringComparer.Ordinal)
{
    [ThroughputStage.Name] = ThroughputStage.RunAsync,
    [HelloCitiesStage.Name] = HelloCitiesStage.RunAsync,
    [HistoryStage.Name] = HistoryStage.RunAsync,
    [LatencyStage.Name] = LatencyStage.RunAsync,
    [ScaleStage.Name] = ScaleStage.RunAsync,
    [StorageStage.Name] = StorageStage.RunAsync,
};

var options = BenchmarkOptions.Parse(args, stages.Keys);
var azurite = await AzuriteFixture.GetSharedAsync();
var measurements = new List<Measurement>();
foreach (var stage in options.Stages)
{
    measurements.AddRange(await stages[stage](new BenchmarkContext(options, azurite)));
    Report.Print(measurements, Console.Out);
}

await Report.WriteJsonAsync(options.Output, options, measurements);
Console.WriteLine($"written: {options.Output}");
