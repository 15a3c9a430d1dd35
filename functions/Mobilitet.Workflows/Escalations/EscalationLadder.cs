namespace Mobilitet.Workflows.Escalations;

/// <summary>
/// The escalation ladder: level 1 is the first supervisor in the agreement's list, the last level
/// the last one (typically the head of unit). Each level has the same number of policy days.
/// </summary>
public sealed record EscalationLadder(int Levels, int DaysPerLevel)
{
    public const int FirstLevel = 1;

    public IEnumerable<int> LevelsInOrder => Enumerable.Range(FirstLevel, Levels);

    public bool IsLast(int level) => level >= Levels;

    public static EscalationLadder For(int supervisorCount, int daysPerLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(supervisorCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(daysPerLevel);
        return new EscalationLadder(supervisorCount, daysPerLevel);
    }

    /// <summary>The role that decides at a level, as recorded in the timeline ("supervisor-level-2").</summary>
    public static string RoleAt(int level) => $"supervisor-level-{level}";
}
