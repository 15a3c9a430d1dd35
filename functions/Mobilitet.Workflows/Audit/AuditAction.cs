using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Audit;

[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>Personal data of the agreement (CPR, names, contact details, notes) was shown.</summary>
    ViewedPersonalData,
}
