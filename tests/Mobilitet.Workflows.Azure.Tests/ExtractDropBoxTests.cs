using Azure.Storage.Blobs;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The drop folder on Azurite: what is listed, read at which version, and removed only at that version.</summary>
public sealed class ExtractDropBoxTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IExtractDropBox DropBox => Get<IExtractDropBox>();

    private BlobContainerClient Container => Get<BlobServiceClient>().GetBlobContainerClient(
        Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.RegisterExtractsContainer));

    private async Task<string> DropAsync(string name, string text)
    {
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);
        return name;
    }

    private async Task<List<string>> ListAsync()
    {
        var names = new List<string>();
        await foreach (var name in DropBox.ListAsync(None))
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public async Task Only_files_under_incoming_are_listed_not_the_kept_copies_beside_them()
    {
        var importId = Guid.NewGuid().ToString("N");
        await Get<IExtractArchive>().SaveExtractAsync(importId, "cpr;x\n"u8.ToArray(), None);
        var dropped = await DropAsync($"incoming/0751/{Guid.NewGuid():N}.csv", "cpr;x\n");
        var stray = await DropAsync($"{Guid.NewGuid():N}.csv", "cpr;x\n");

        var listed = await ListAsync();

        Assert.Contains(dropped, listed);
        Assert.DoesNotContain(stray, listed);
        Assert.DoesNotContain(listed, name => name.StartsWith(BlobExtractArchive.ImportsFolder, StringComparison.Ordinal));
        Assert.All(listed, name => Assert.StartsWith(DroppedExtractName.Folder, name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_is_read_with_its_hash_and_removed_at_the_version_read()
    {
        var name = await DropAsync($"incoming/0751/{Guid.NewGuid():N}.csv", "cpr;x\n1;2\n");

        var read = await DropBox.ReadAsync(name, 1024, None);

        Assert.NotNull(read);
        Assert.Equal("cpr;x\n1;2\n"u8.ToArray(), read.Content!.Value.ToArray());
        Assert.Equal(ExtractContentHash.Compute("cpr;x\n1;2\n"u8), read.ContentHash);
        Assert.Equal(10, read.Length);
        Assert.True(await DropBox.RemoveAsync(name, read.Version, None));
        Assert.Null(await DropBox.ReadAsync(name, 1024, None));
        Assert.DoesNotContain(name, await ListAsync());
        Assert.False(await DropBox.RemoveAsync(name, read.Version, None)); // gone already: fine
    }

    [Fact]
    public async Task A_file_replaced_after_it_was_read_is_not_removed()
    {
        var name = await DropAsync($"incoming/0751/{Guid.NewGuid():N}.csv", "first");
        var read = await DropBox.ReadAsync(name, 1024, None);
        await DropAsync(name, "second");

        Assert.False(await DropBox.RemoveAsync(name, read!.Version, None));
        var again = await DropBox.ReadAsync(name, 1024, None);
        Assert.Equal("second"u8.ToArray(), again!.Content!.Value.ToArray());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_hashed_but_not_kept_in_memory()
    {
        var name = await DropAsync($"incoming/0751/{Guid.NewGuid():N}.csv", "0123456789abcdef");

        var read = await DropBox.ReadAsync(name, 8, None);

        Assert.Null(read!.Content);
        Assert.Equal(16, read.Length);
        Assert.Equal(ExtractContentHash.Compute("0123456789abcdef"u8), read.ContentHash);
    }

    [Fact]
    public async Task Nothing_outside_the_drop_folder_is_read_or_removed()
    {
        var importId = Guid.NewGuid().ToString("N");
        await Get<IExtractArchive>().SaveExtractAsync(importId, "cpr;x\n"u8.ToArray(), None);

        await Assert.ThrowsAsync<ArgumentException>(() => DropBox.ReadAsync(BlobExtractArchive.ExtractBlobName(importId), 1024, None));
        await Assert.ThrowsAsync<ArgumentException>(() => DropBox.RemoveAsync(BlobExtractArchive.ExtractBlobName(importId), "\"x\"", None));
    }
}
