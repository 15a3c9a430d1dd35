namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// Writes an email's Danish subject and bodies (HTML and plain text, from the same template) with the web UI's
/// templates and wordings. Implemented outside the core (Hosting, Razor components in Web/Emails), so the core
/// decides who gets what and the templates decide how it reads.
/// </summary>
public interface IEmailTemplates
{
    Task<RenderedEmail> RenderAsync(EmailModel model);
}

/// <summary>An email's subject and bodies as the templates wrote them.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);
