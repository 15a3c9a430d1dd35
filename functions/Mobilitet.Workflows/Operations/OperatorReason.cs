using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Operations;

/// <summary>
/// Why an operator acts, as a code: it goes to the audit log and the timeline, which take codes only. A terminate also
/// takes a free-text note, which may name people and is kept in the personal-data vault.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperatorReason>))]
public enum OperatorReason
{
    /// <summary>A passing fault (storage, network, engine) that is gone now.</summary>
    TransientFault,

    /// <summary>The defect that failed the workflow is fixed (a deploy).</summary>
    DefectFixed,

    /// <summary>The agreement's data was corrected.</summary>
    DataCorrected,

    /// <summary>The agreement is not to continue (terminate).</summary>
    NotToContinue,

    Other,
}

public static class OperatorReasonText
{
    /// <summary>The choices a form offers, with their Danish labels, in the order shown.</summary>
    public static IReadOnlyList<(OperatorReason Reason, string Danish)> Choices { get; } =
    [
        (OperatorReason.TransientFault, "Forbigående fejl, der er væk nu"),
        (OperatorReason.DefectFixed, "Fejlen er rettet (ny version)"),
        (OperatorReason.DataCorrected, "Aftalens data er rettet"),
        (OperatorReason.NotToContinue, "Aftalen skal ikke fortsætte"),
        (OperatorReason.Other, "Andet"),
    ];
}
