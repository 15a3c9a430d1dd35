using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Tests.Agreements;

public sealed class AgreementIdsTests
{
    [Fact]
    public void New_ids_are_opaque_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => AgreementIds.New()).ToList();

        Assert.All(ids, id => Assert.True(AgreementIds.IsWellFormed(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^fa-[0-9a-f]{20}$", id));
    }

    [Theory]
    [InlineData("0101901234")]
    [InlineData("fa-0101901234")]
    [InlineData("fa-ABCDEFABCDEFABCDEFAB")]
    [InlineData("fa-00000000000000000000x")]
    public void Anything_else_is_not_an_agreement_id(string id)
    {
        Assert.False(AgreementIds.IsWellFormed(id));
    }

    [Fact]
    public void Final_statuses_are_final()
    {
        Assert.All(
            new[] { AgreementStatus.Completed, AgreementStatus.Declined, AgreementStatus.Expired, AgreementStatus.Rejected, AgreementStatus.Cancelled, AgreementStatus.ConsentWithdrawn },
            status => Assert.True(status.IsFinal()));
        Assert.All(
            new[] { AgreementStatus.AwaitingConsent, AgreementStatus.AwaitingFinancing, AgreementStatus.AwaitingMove, AgreementStatus.Monitoring },
            status => Assert.False(status.IsFinal()));

        // A failed workflow has not ended: it waits for an operator to repair it.
        Assert.False(AgreementStatus.Failed.IsFinal());
    }

    [Fact]
    public void Only_final_and_failed_agreements_accept_no_steps()
    {
        Assert.All(
            new[] { AgreementStatus.Completed, AgreementStatus.Declined, AgreementStatus.Expired, AgreementStatus.Rejected, AgreementStatus.Cancelled, AgreementStatus.ConsentWithdrawn, AgreementStatus.Failed },
            status => Assert.True(status.AcceptsNoSteps()));
        Assert.All(
            new[] { AgreementStatus.AwaitingConsent, AgreementStatus.AwaitingFinancing, AgreementStatus.AwaitingMove, AgreementStatus.Monitoring },
            status => Assert.False(status.AcceptsNoSteps()));
    }
}
