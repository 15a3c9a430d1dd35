using Microsoft.DurableTask;
using Mobilitet.Workflows.Failures;

namespace Mobilitet.Workflows.Tests.Failures;

public sealed class WorkflowFailureTests
{
    [Fact]
    public void An_activitys_failure_is_described_by_the_activitys_own_error_not_the_wrapper()
    {
        var wrapped = new TaskFailedException("AssessFinancing", 3, new TaskFailureDetails("System.InvalidOperationException", "The baseline of agreement fa-1 has been erased.", "  at ...", null, null));

        var failure = WorkflowFailure.From(wrapped);

        Assert.Equal("InvalidOperationException: The baseline of agreement fa-1 has been erased.", failure.Reason);
    }

    [Fact]
    public void A_long_multi_line_message_is_shortened_to_one_line_without_a_stack_trace()
    {
        var failure = WorkflowFailure.From(new InvalidOperationException("first line\nsecond line " + new string('x', 1000)));

        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal(WorkflowFailure.MaxMessageLength + 1, failure.Message.Length);
        Assert.EndsWith("…", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("first line second line", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_details_still_give_a_readable_reason()
    {
        Assert.Equal("UnknownError: (no message)", WorkflowFailure.Create(null, " ").Reason);
    }
}
