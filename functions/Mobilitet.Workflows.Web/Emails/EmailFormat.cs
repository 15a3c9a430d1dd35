namespace Mobilitet.Workflows.Web.Emails;

/// <summary>
/// Which part of an email a template is rendered for: each email template is rendered three times, once per
/// part, so subject, HTML and plain text come from the same template and the same model.
/// </summary>
public enum EmailFormat
{
    Subject,
    Html,
    Text,
}
