using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>What every stage gets: the options and one Azurite for the whole run (each stage uses its own tables and task hub; the throughput stage starts one per half, <see cref="OwnAzurite"/>).</summary>
internal sealed record BenchmarkContext(BenchmarkOptions Options, AzuriteFixture Azurite);

/// <summary>A benchmark stage: runs its cases, each beside its baseline, and returns what it measured.</summary>
internal delegate Task<IReadOnlyList<Measurement>> Stage(BenchmarkContext context);
