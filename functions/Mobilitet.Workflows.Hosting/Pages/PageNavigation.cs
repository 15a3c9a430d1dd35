using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>The main-menu sections a person may open, from their roles (the pages check again themselves).</summary>
public static class PageNavigation
{
    public static NavigationSections For(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sections = NavigationSections.None;
        if (user.IsIn(Roles.Caseworker) || user.IsIn(Roles.FinanceApprover) || user.IsIn(Roles.Supervisor))
        {
            sections |= NavigationSections.MyTasks;
        }

        if (user.IsIn(Roles.Caseworker))
        {
            sections |= NavigationSections.NewAgreement;
        }

        if (user.ReadsAllMunicipalities() || user.Municipalities.Any(user.MayRead))
        {
            sections |= NavigationSections.Agreements;
        }

        if (user.IsIn(Roles.FinanceApprover))
        {
            sections |= NavigationSections.Financing;
        }

        if (user.IsIn(Roles.Supervisor))
        {
            sections |= NavigationSections.Escalations;
        }

        if (user.EffectMunicipalities().Count > 0)
        {
            sections |= NavigationSections.Effects;
        }

        if (user.MaySeePortfolio() && user.HeldMunicipalities().Count > 0)
        {
            sections |= NavigationSections.Portfolio;
        }

        if (user.IsIn(Roles.Administrator))
        {
            sections |= NavigationSections.Audit | NavigationSections.Operations;
        }

        if (user.MayImportRegisterExtracts())
        {
            sections |= NavigationSections.RegisterExtracts;
        }

        return sections;
    }
}
