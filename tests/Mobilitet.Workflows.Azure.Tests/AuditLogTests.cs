using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class AuditLogTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    [Fact]
    public async Task An_entry_whose_answer_was_lost_after_storage_took_it_is_appended_once_without_an_error()
    {
        // Found by the throughput benchmark at 10,000 agreements: the SDK retried such an insert, met the row its first
        // attempt had written (409) and the step answered 500 although everything it did stood.
        var lostAnswer = new LostAnswer();
        var log = new TableAuditLog(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>());
        var agreementId = AgreementIds.New();
        var at = DateTimeOffset.UtcNow;

        await log.AppendAsync(new AuditEntry(at, "caseworker-1", ["Caseworker"], AuditAction.MoveRecorded, agreementId, "subject=move"), None);

        Assert.Equal(1, lostAnswer.Lost);
        var entry = Assert.Single(await Get<IAuditLog>().ListAsync(DateOnly.FromDateTime(at.UtcDateTime), None), e => e.AgreementId == agreementId);
        Assert.Equal((AuditAction.MoveRecorded, "caseworker-1", "subject=move"), (entry.Action, entry.UserId, entry.Detail));
    }
}
