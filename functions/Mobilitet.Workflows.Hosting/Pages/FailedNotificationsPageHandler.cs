using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>"Fejlede e-mails" (/fejlede-emails, administrators): the emails the email service refused for good, newest first.</summary>
public sealed class FailedNotificationsPageHandler(ListPages lists, IFailedNotifications failures, PageRenderer pages)
{
    /// <summary>The most the page shows; refusals are rare, and each is also on its agreement's timeline.</summary>
    public const int MaxShown = 200;

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await lists.BeginAsync(context, Roles.Administrator, "Fejlede e-mails kan kun ses af administratorer.");
        if (user is null)
        {
            return refusal!;
        }

        var model = new FailedNotificationsPageModel(await failures.ListAsync(MaxShown, cancellationToken), MaxShown);
        return PageResults.Html(await pages.RenderAsync<FailedNotificationsPage, FailedNotificationsPageModel>(model, frame!));
    }
}
