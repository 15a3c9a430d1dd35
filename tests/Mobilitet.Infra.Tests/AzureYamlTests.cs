using Mobilitet.Infra.Tests.Support;

namespace Mobilitet.Infra.Tests;

/// <summary>
/// azure.yaml against azd's own schema (../shared/schemas/azure-dev, or AZURE_DEV_SCHEMAS), through
/// infra/scripts/validate-azure-yaml.mjs and the repository's node_modules.
/// </summary>
public sealed class AzureYamlTests
{
    [Fact]
    public async Task Repository_azure_yaml_is_valid()
    {
        var result = await ValidateAsync(RepoPaths.AzureYaml);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("valid", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_with_the_bicep_infra()
    {
        var lines = File.ReadAllLines(RepoPaths.AzureYaml).Select(l => l.Trim()).ToList();

        Assert.Contains("name: mobilitet-workflows", lines);
        Assert.Contains("provider: bicep", lines);
        Assert.Contains("path: infra", lines);
        Assert.Contains("api:", lines);
        Assert.Contains("project: ./functions/Mobilitet.Functions", lines);
        Assert.Contains("host: function", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "functions", "Mobilitet.Functions", "Mobilitet.Functions.csproj")));
        Assert.True(File.Exists(RepoPaths.MainBicep));
    }

    [Theory]
    [InlineData("host: function", "host: notahost", "/services/api/host 'notahost'")]
    [InlineData("    host: function\n", "", "must have required property 'host'")]
    [InlineData("name: mobilitet-workflows", "name: Mobilitet_Workflows", "/name must match pattern")]
    [InlineData("provider: bicep", "provider: Bicep", "/infra/provider must match pattern")]
    [InlineData("services:", "services: [", "not valid YAML")]
    public async Task Broken_copy_of_azure_yaml_is_rejected(string original, string replacement, string expectedMessage)
    {
        var source = (await File.ReadAllTextAsync(RepoPaths.AzureYaml)).ReplaceLineEndings("\n");
        Assert.Contains(original, source, StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("mobilitet-azure-yaml-");
        try
        {
            var broken = Path.Combine(dir.FullName, "azure.yaml");
            await File.WriteAllTextAsync(broken, source.Replace(original, replacement, StringComparison.Ordinal));

            var result = await ValidateAsync(broken);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains(expectedMessage, result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Missing_schema_folder_is_a_setup_error_not_a_pass()
    {
        var dir = Directory.CreateTempSubdirectory("mobilitet-no-schemas-");
        try
        {
            var result = await ValidateAsync(RepoPaths.AzureYaml, new Dictionary<string, string> { ["AZURE_DEV_SCHEMAS"] = dir.FullName });

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("AZURE_DEV_SCHEMAS", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Task<ProcessResult> ValidateAsync(string azureYaml, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync("node", [RepoPaths.AzureYamlValidator, azureYaml], RepoPaths.Root, environment, TimeSpan.FromMinutes(1));
}
