using System.Text.Json.Nodes;

namespace Mobilitet.Infra.Tests.Support;

/// <summary>infra/main.bicep compiled once per test run with the pinned Bicep CLI (offline).</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    private ProcessResult? build;
    private ArmTemplate? template;

    internal ProcessResult Build => build ?? throw new InvalidOperationException("Not built yet.");

    internal ArmTemplate Template => template ?? throw new InvalidOperationException(
        $"infra/main.bicep did not compile:{Environment.NewLine}{Build}");

    /// <summary>The compiled JSON as text, for searches across everything.</summary>
    internal string Json => Build.StandardOutput;

    public async Task InitializeAsync()
    {
        build = await BicepCli.BuildToStdoutAsync(Path.Combine("infra", "main.bicep"));
        if (build.ExitCode == 0 && JsonNode.Parse(build.StandardOutput) is JsonObject root)
        {
            template = new ArmTemplate(root);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateGroup : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "compiled infra/main.bicep";
}
