using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Failures;

/// <summary>
/// Why a workflow failed, as an operator reads it on the timeline and in the logs: the error's type and
/// message, shortened, never a stack trace. Messages come from our code and the engine (ids, codes), not
/// from people, so they carry no personal data.
/// </summary>
public sealed record WorkflowFailure(string ErrorType, string Message)
{
    public const int MaxMessageLength = 400;

    /// <summary>"ErrorType: message", the detail of the timeline entry.</summary>
    public string Reason => $"{ErrorType}: {Message}";

    public static WorkflowFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // An activity's failure arrives wrapped; its own type and message say what went wrong.
        return exception is TaskFailedException { FailureDetails: { } details }
            ? From(details)
            : Create(exception.GetType().Name, exception.Message);
    }

    public static WorkflowFailure From(TaskFailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var innermost = details;
        while (innermost.InnerFailure is { } inner && innermost.ErrorType.EndsWith(nameof(TaskFailedException), StringComparison.Ordinal))
        {
            innermost = inner;
        }

        return Create(innermost.ErrorType, innermost.ErrorMessage);
    }

    public static WorkflowFailure Create(string? errorType, string? message)
    {
        var type = string.IsNullOrWhiteSpace(errorType) ? "UnknownError" : errorType[(errorType.LastIndexOf('.') + 1)..];
        var text = string.IsNullOrWhiteSpace(message) ? "(no message)" : message.ReplaceLineEndings(" ").Trim();
        return new WorkflowFailure(type, text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…");
    }
}
