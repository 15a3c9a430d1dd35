namespace Mobilitet.Infra.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test assembly to Mobilitet.Workflows.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string MainParameters => Path.Combine(Infra, "main.parameters.json");

    public static string BicepConfig => Path.Combine(Infra, "bicepconfig.json");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string AzureYamlValidator => Path.Combine(Infra, "scripts", "validate-azure-yaml.mjs");

    public static string HostJson => Path.Combine(Root, "host.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mobilitet.Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Mobilitet.Workflows.sln not found above {AppContext.BaseDirectory}.");
    }
}
