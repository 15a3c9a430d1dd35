namespace Mobilitet.Local.Storage;

/// <summary>The repository the host runs from: the folder with package.json (which pins Azurite).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) && File.Exists(Path.Combine(folder.FullName, "Mobilitet.Workflows.sln")))
            {
                return folder.FullName;
            }
        }

        // Published outside the repository: keep local data next to the current directory.
        return Directory.GetCurrentDirectory();
    }
}
