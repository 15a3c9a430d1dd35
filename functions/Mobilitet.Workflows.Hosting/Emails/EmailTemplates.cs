using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Web.Emails;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Emails;

/// <summary>
/// The workflow's emails written with the web UI's renderer: <see cref="EmailDocument"/> rendered once per part
/// (subject, HTML, plain text), so every part comes from the same template and model, and Razor encodes every value.
/// </summary>
public sealed class EmailTemplates(PageRenderer pages) : IEmailTemplates
{
    public async Task<RenderedEmail> RenderAsync(EmailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = await RenderAsync(model, EmailFormat.Subject);
        var html = await RenderAsync(model, EmailFormat.Html);
        var text = await RenderAsync(model, EmailFormat.Text);
        return new RenderedEmail(EmailText.SubjectFromRendered(subject), EmailText.FromRendered(text), html);
    }

    private Task<string> RenderAsync(EmailModel model, EmailFormat format) =>
        pages.RenderAsync<EmailDocument>(new Dictionary<string, object?>
        {
            [nameof(EmailDocument.Model)] = model,
            [nameof(EmailDocument.Format)] = format,
        });
}
