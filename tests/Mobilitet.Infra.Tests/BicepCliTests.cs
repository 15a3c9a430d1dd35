using Mobilitet.Infra.Tests.Support;

namespace Mobilitet.Infra.Tests;

/// <summary>The Bicep files compile and lint clean with the pinned CLI, offline, and the linter configuration bites.</summary>
[Collection(CompiledMainTemplateGroup.Name)]
public sealed class BicepBuildTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void Build_of_main_bicep_succeeds_with_no_errors_and_no_warnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, $"bicep {BicepCli.Version} build failed:{Environment.NewLine}{compiled.Build}");
        Assert.True(
            string.IsNullOrWhiteSpace(compiled.Build.StandardError),
            $"bicep {BicepCli.Version} build reported diagnostics:{Environment.NewLine}{compiled.Build.StandardError}");
        Assert.NotEmpty(compiled.Template.Resources);
    }
}

public sealed class BicepLintTests
{
    [Fact]
    public async Task Lint_of_main_bicep_reports_nothing()
    {
        var lint = await BicepCli.LintAsync(Path.Combine("infra", "main.bicep"));

        Assert.True(lint.ExitCode == 0 && string.IsNullOrWhiteSpace(lint.StandardError), lint.ToString());
    }

    [Fact]
    public async Task Lint_of_every_bicep_file_under_infra_reports_nothing()
    {
        var lint = await BicepCli.LintPatternAsync("**/*.bicep", RepoPaths.Infra);

        Assert.True(lint.ExitCode == 0 && string.IsNullOrWhiteSpace(lint.StandardError), lint.ToString());
    }

    [Fact]
    public async Task Linter_configuration_turns_secret_and_dead_code_findings_into_errors()
    {
        var dir = Directory.CreateTempSubdirectory("mobilitet-bicep-lint-");
        try
        {
            File.Copy(RepoPaths.BicepConfig, Path.Combine(dir.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(
                Path.Combine(dir.FullName, "probe.bicep"),
                """
                @secure()
                param apiKey string
                param unused string
                var notUsed = 'x'
                output leaked string = apiKey
                output endpoint string = 'https://management.azure.com/'
                """);

            var lint = await BicepCli.LintAsync("probe.bicep", dir.FullName);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("Error no-unused-params", lint.StandardError, StringComparison.Ordinal);
            Assert.Contains("Error no-unused-vars", lint.StandardError, StringComparison.Ordinal);
            Assert.Contains("Error outputs-should-not-contain-secrets", lint.StandardError, StringComparison.Ordinal);
            Assert.Contains("Error no-hardcoded-env-urls", lint.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
