using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>The resident's well-being check-in page: the form, or why it cannot be answered (any more).</summary>
public sealed record CheckInPageModel
{
    public required CheckInPageState State { get; init; }

    /// <summary>The protected token from the email link; the form sends it back.</summary>
    public string? Token { get; init; }

    /// <summary>The score the form sent (when it comes back with errors).</summary>
    public string? Score { get; init; }

    public string? Comment { get; init; }

    public required int CommentMaxLength { get; init; }

    public FieldErrors Errors { get; init; } = FieldErrors.None;
}

public enum CheckInPageState
{
    Form,

    /// <summary>The answer was recorded just now.</summary>
    Thanks,

    /// <summary>The check-in was answered before: a link works once.</summary>
    AlreadyAnswered,

    /// <summary>Forged, damaged or expired, or its check-in is gone.</summary>
    InvalidLink,
}
