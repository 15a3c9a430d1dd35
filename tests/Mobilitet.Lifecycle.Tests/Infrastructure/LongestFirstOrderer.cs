using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Mobilitet.Lifecycle.Tests.Infrastructure.LongestFirstOrderer", "Mobilitet.Lifecycle.Tests")]

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// Runs the test classes marked <see cref="WaitsMinutesAttribute"/> first, the rest after them in xunit's usual order.
/// xunit starts a new class only when one of its slots (xunit.runner.json) is free: a class that waits two minutes for
/// M36 started last would hold the run open on its own.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer usual = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        usual.OrderTestCollections(testCollections).OrderByDescending(WaitsMinutes); // a stable sort: the usual order within each group

    private static bool WaitsMinutes(ITestCollection collection) =>
        ClassOf(collection) is { } type && type.GetCustomAttributes(typeof(WaitsMinutesAttribute)).Any();

    /// <summary>A class without a [Collection] is its own collection, named "Test collection for {class}" (and its id).</summary>
    private static ITypeInfo? ClassOf(ITestCollection collection)
    {
        const string Prefix = "Test collection for ";
        var name = collection.DisplayName;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        name = name[Prefix.Length..];
        var id = name.IndexOf(" (id: ", StringComparison.Ordinal);
        return collection.TestAssembly.Assembly.GetType(id < 0 ? name : name[..id]);
    }
}
