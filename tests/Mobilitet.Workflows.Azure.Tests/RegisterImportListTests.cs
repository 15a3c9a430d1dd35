using Mobilitet.Testing;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The list of recent imports: completed ones only, newest first, read from the front of one partition.</summary>
public sealed class RegisterImportListTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private IRegisterImportLog Log => Get<IRegisterImportLog>();

    private async Task<RegisterImport> CompleteAsync(DateTimeOffset at, params string[] municipalities)
    {
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var import = await Log.StartAsync(new RegisterImport(RegisterImport.IdFor(hash, municipalities), hash, municipalities, at, "monitoring-1"), None);
        var completed = import.CompletedWith(new ExtractImportReport(import.ImportId, ExtractFormat.Amounts, 5, 3, 1, [new ExtractError(2, "cpr", "Fejl.")]));
        await Log.CompleteAsync(completed, None);
        return completed;
    }

    [Fact]
    public async Task Completed_imports_are_listed_newest_first_with_their_counts_and_started_ones_are_not()
    {
        var older = await CompleteAsync(Start, "0751");
        var newest = await CompleteAsync(Start.AddDays(2), "0101", "0751");
        var middle = await CompleteAsync(Start.AddDays(1));
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await Log.StartAsync(new RegisterImport(RegisterImport.IdFor(hash, ["0751"]), hash, ["0751"], Start.AddDays(3), "monitoring-1"), None);

        var recent = await Log.ListRecentAsync(10, None);

        Assert.Equal([newest.ImportId, middle.ImportId, older.ImportId], recent.Select(import => import.ImportId));
        Assert.Equal(newest with { MunicipalityCodes = [] }, recent[0] with { MunicipalityCodes = [] });
        Assert.Equal(["0101", "0751"], recent[0].MunicipalityCodes);
        Assert.Empty(recent[1].MunicipalityCodes);
        Assert.Equal([newest.ImportId], (await Log.ListRecentAsync(1, None)).Select(import => import.ImportId));

        // Completing again (a repeat after a crash) keeps one entry.
        await Log.CompleteAsync(newest, None);
        Assert.Equal(3, (await Log.ListRecentAsync(10, None)).Count);
        Assert.Equal(newest with { MunicipalityCodes = [] }, (await Log.FindAsync(newest.ImportId, None))! with { MunicipalityCodes = [] });
    }
}
