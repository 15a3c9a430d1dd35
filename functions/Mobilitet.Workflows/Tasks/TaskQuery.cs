using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Tasks;

/// <summary>
/// Whose tasks to list: the open tasks of any of <see cref="Roles"/> in any of <see cref="MunicipalityCodes"/>.
/// A caseworker sees the caseworker tasks of their municipalities, a finance approver the financing
/// decisions of the municipalities they serve, a supervisor the escalations of theirs.
/// </summary>
public sealed record TaskQuery(IReadOnlyCollection<string> Roles, IReadOnlyCollection<string> MunicipalityCodes)
{
    /// <summary>The signed-in person's tasks: each of their roles that has tasks, in each municipality they serve.</summary>
    public static TaskQuery ForUser(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new TaskQuery(TaskKinds.ActingRoles.Where(user.IsIn).ToList(), user.Municipalities.Order(StringComparer.Ordinal).ToList());
    }
}
