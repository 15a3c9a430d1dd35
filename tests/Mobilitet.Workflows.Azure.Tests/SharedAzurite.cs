using Mobilitet.Testing;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>One Azurite for every storage test class in this assembly; each class uses its own table prefix.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
