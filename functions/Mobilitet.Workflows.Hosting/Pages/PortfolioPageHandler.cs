using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Portefølje" (/portefoelje): the financing portfolio for the monitoring unit, finance approvers and administrators, for
/// the municipalities they hold — the same checks and report as <see cref="PortfolioEndpoints"/>, as a page.
/// </summary>
public sealed class PortfolioPageHandler(SignedInPages signedIn, PortfolioQuery query, PageRenderer pages)
{
    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.MaySeePortfolio())
        {
            return await signedIn.ForbiddenAsync(context, user, PortfolioEndpoints.NotAllowed);
        }

        var covered = user.HeldMunicipalities();
        if (covered.Count == 0)
        {
            return await signedIn.ForbiddenAsync(context, user, PortfolioEndpoints.NoMunicipality);
        }

        var report = await query.ReadAsync(covered, cancellationToken);
        var model = new PortfolioPageModel(report, $"/{ApiRoutes.Base}{ApiRoutes.FinancingPortfolio}?format=csv");
        return PageResults.Html(await pages.RenderAsync<PortfolioPage, PortfolioPageModel>(model, frame!));
    }
}
