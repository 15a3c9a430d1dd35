using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Functions.Http;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Functions.Tests.Publishing;

/// <summary>
/// `dotnet publish` of the Functions app, once for the class: what Azure would receive. The Functions
/// host finds functions only through functions.metadata, so it must list every function the code defines.
/// </summary>
public sealed class PublishTests(PublishTests.PublishedApp published) : IClassFixture<PublishTests.PublishedApp>
{
    private static readonly Assembly App = typeof(AgreementFunctions).Assembly;

    private static string RepositoryRoot =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    private static IEnumerable<(string Name, MethodInfo Method)> DefinedFunctions() =>
        App.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Select(method => (method.GetCustomAttribute<FunctionAttribute>()?.Name, method))
            .Where(function => function.Name is not null)
            .Select(function => (function.Name!, function.method));

    [Fact]
    public void Functions_metadata_lists_every_function_the_code_defines_with_its_trigger()
    {
        var listed = published.Metadata.ToDictionary(
            function => function!["name"]!.GetValue<string>(),
            function => function!["bindings"]!.AsArray().Select(binding => binding!["type"]!.GetValue<string>()).ToList());

        var defined = DefinedFunctions().ToList();
        Assert.Equal(defined.Select(f => f.Name).Order(), listed.Keys.Order());
        foreach (var (name, method) in defined)
        {
            var trigger = method.GetParameters()
                .Select(parameter => parameter.GetCustomAttributes().FirstOrDefault(attribute => attribute.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)))
                .OfType<Attribute>()
                .Single();
            var expected = trigger switch
            {
                OrchestrationTriggerAttribute => "orchestrationTrigger",
                ActivityTriggerAttribute => "activityTrigger",
                HttpTriggerAttribute => "httpTrigger",
                TimerTriggerAttribute => "timerTrigger",
                BlobTriggerAttribute => "blobTrigger",
                _ => trigger.GetType().Name,
            };
            Assert.Contains(expected, listed[name]);
        }

        Assert.Superset(
            WorkflowTasks.Orchestrators.Concat(WorkflowTasks.Activities).Select(task => task.Name).ToHashSet(),
            listed.Keys.ToHashSet());
        Assert.Contains(listed.Values, bindings => bindings.Contains("timerTrigger"));
        // From workflow 1.2 escalations are started from an activity with the engine's client binding.
        Assert.Contains("durableClient", listed[nameof(Mobilitet.Workflows.Workflow.Activities.StartEscalation)]);
        Assert.Contains(listed.Values, bindings => bindings.Contains("httpTrigger"));

        // Flex Consumption runs only the Event Grid blob trigger: the published binding must say so.
        var drop = published.Metadata.Single(function => function!["name"]!.GetValue<string>() == Mobilitet.Functions.Blobs.RegisterDropFunctions.FunctionName)!;
        var blobTrigger = drop["bindings"]!.AsArray().Single(binding => binding!["type"]!.GetValue<string>() == "blobTrigger")!;
        Assert.Equal("EventGrid", blobTrigger["source"]!.GetValue<string>());
        Assert.Equal(Mobilitet.Functions.Blobs.RegisterDropFunctions.TriggerPath, blobTrigger["path"]!.GetValue<string>());
    }

    [Fact]
    public void The_published_app_carries_the_repository_host_json_with_a_default_version_matching_the_code()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Folder, "host.json")))!;
        var durable = hostJson["extensions"]!["durableTask"]!;

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")), File.ReadAllText(Path.Combine(published.Folder, "host.json")));
        Assert.Equal(WorkflowVersions.Current, durable["defaultVersion"]!.GetValue<string>());
        Assert.Equal("CurrentOrOlder", durable["versionMatchStrategy"]!.GetValue<string>());
        // Empty: the pages live at the site root; every trigger's route starts with "api/" itself where it is the API.
        Assert.Equal(string.Empty, hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.False(durable["tracing"]!["traceInputsAndOutputs"]!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(published.Folder, "Mobilitet.Functions.dll")));
    }

    /// <summary>Publishes the app once into a temporary folder.</summary>
    public sealed class PublishedApp : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mobilitet-publish-" + Guid.NewGuid().ToString("N")[..12]);

        public JsonArray Metadata { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var project = Path.Combine(PublishTests.RepositoryRoot, "functions", "Mobilitet.Functions", "Mobilitet.Functions.csproj");
            var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["publish", project, "--configuration", "Release", "--output", Folder, "-nologo"])
            {
                publish.ArgumentList.Add(argument);
            }

            using var process = Process.Start(publish)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
            Metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "functions.metadata")))!.AsArray();
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return Task.CompletedTask;
        }
    }
}
