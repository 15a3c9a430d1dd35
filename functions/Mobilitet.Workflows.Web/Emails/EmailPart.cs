using Microsoft.AspNetCore.Components;

namespace Mobilitet.Workflows.Web.Emails;

/// <summary>A piece of an email template: it knows which part (subject, HTML, text) is being rendered.</summary>
public abstract class EmailPart : ComponentBase
{
    [CascadingParameter]
    public EmailFormat Format { get; set; }
}
