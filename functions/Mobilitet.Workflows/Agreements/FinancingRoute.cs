using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Agreements;

/// <summary>How the financing was decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinancingRoute>))]
public enum FinancingRoute
{
    AutoApproved,
    ApprovedByApprover,
    RejectedByApprover,
}
