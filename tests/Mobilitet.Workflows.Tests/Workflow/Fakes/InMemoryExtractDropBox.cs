using System.Runtime.CompilerServices;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Dropped files in memory; each drop is a new version, and removing takes only the version read.</summary>
public sealed class InMemoryExtractDropBox : IExtractDropBox
{
    private readonly Dictionary<string, (byte[] Content, string Version)> files = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int versions;

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (gate)
            {
                return [.. files.Keys];
            }
        }
    }

    /// <summary>Called after a file is read and before the caller goes on (a test drops a new version there).</summary>
    public Action<string>? AfterRead { get; set; }

    public void Drop(string name, byte[] content)
    {
        lock (gate)
        {
            files[name] = (content, $"v{++versions}");
        }
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var name in Names.Where(name => name.StartsWith(DroppedExtractName.Folder, StringComparison.Ordinal)))
        {
            yield return name;
        }
    }

    public Task<DroppedExtract?> ReadAsync(string name, int maxBytes, CancellationToken cancellationToken)
    {
        DroppedExtract? found;
        lock (gate)
        {
            found = files.TryGetValue(name, out var file)
                ? new DroppedExtract(name, file.Version, file.Content.Length > maxBytes ? (ReadOnlyMemory<byte>?)null : file.Content, ExtractContentHash.Compute(file.Content), file.Content.Length)
                : null;
        }

        AfterRead?.Invoke(name);
        return Task.FromResult(found);
    }

    public Task<bool> RemoveAsync(string name, string version, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(files.TryGetValue(name, out var file) && file.Version == version && files.Remove(name));
        }
    }
}
