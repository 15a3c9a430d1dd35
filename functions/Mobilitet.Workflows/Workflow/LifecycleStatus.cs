using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Workflow;

/// <summary>The orchestration's custom status: codes only, for operators looking at the engine.</summary>
public sealed record LifecycleStatus(AgreementStatus Status, string Version);
