using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Agreements;

/// <summary>Where an agreement is in its lifecycle. The API spells these values as written here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgreementStatus>))]
public enum AgreementStatus
{
    AwaitingConsent,
    AwaitingFinancing,
    AwaitingMove,
    Monitoring,
    Completed,
    Declined,
    Expired,
    Rejected,
    Cancelled,
    ConsentWithdrawn,

    /// <summary>The agreement's workflow failed (see its timeline for the reason); it waits for an operator.</summary>
    Failed,
}

public static class AgreementStatusExtensions
{
    /// <summary>True once the agreement has ended; no step can change it any more.</summary>
    public static bool IsFinal(this AgreementStatus status) => status is >= AgreementStatus.Completed and <= AgreementStatus.ConsentWithdrawn;

    /// <summary>True when no caseworker step applies: the agreement has ended, or its workflow failed and waits for an operator.</summary>
    public static bool AcceptsNoSteps(this AgreementStatus status) => status.IsFinal() || status == AgreementStatus.Failed;
}
