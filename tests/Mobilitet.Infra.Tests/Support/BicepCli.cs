using System.Reflection;

namespace Mobilitet.Infra.Tests.Support;

/// <summary>
/// The Bicep CLI that restore downloaded (PackageDownload Azure.Bicep.CommandLine.linux-x64 in the
/// project file). BICEP_CLI_PATH overrides it. Every call passes --no-restore: nothing here needs
/// the network (no registry modules).
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string Version => Metadata("BicepCliVersion") ?? "unknown";

    public static string ExecutablePath => LazyPath.Value;

    public static Task<ProcessResult> BuildToStdoutAsync(string bicepFile) =>
        RunAsync(["build", "--no-restore", bicepFile, "--stdout"], RepoPaths.Root);

    public static Task<ProcessResult> LintAsync(string bicepFile, string? workingDirectory = null) =>
        RunAsync(["lint", "--no-restore", bicepFile], workingDirectory ?? RepoPaths.Root);

    public static Task<ProcessResult> LintPatternAsync(string pattern, string workingDirectory) =>
        RunAsync(["lint", "--no-restore", "--pattern", pattern], workingDirectory);

    private static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.RunAsync(ExecutablePath, arguments, workingDirectory);

    private static string Locate()
    {
        var version = Version;
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("BICEP_CLI_PATH") is { Length: > 0 } overridePath)
        {
            candidates.Add(overridePath);
        }

        if (Metadata("BicepCliPath") is { Length: > 0 } restored)
        {
            candidates.Add(restored);
        }

        var relative = Path.Combine("azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages)
        {
            candidates.Add(Path.Combine(packages, relative));
        }

        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", relative));

        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"Bicep CLI {version} not found (restore the test project first). Looked in: {string.Join(", ", candidates)}");

        EnsureExecutable(path);
        return path;
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
