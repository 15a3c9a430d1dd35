namespace Mobilitet.Workflows.Agreements;

/// <summary>Whether the household moves out of or into a vulnerable housing area.</summary>
public enum MoveDirection
{
    Out,
    In,
}
