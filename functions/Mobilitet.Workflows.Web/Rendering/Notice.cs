namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// A message shown once on the page a form redirects to (Post/Redirect/Get). Only these values travel
/// (in a short-lived cookie), never text, so a crafted request cannot put words on a page. The Danish
/// wording is in <see cref="Layout.NoticeArea"/>.
/// </summary>
public enum Notice
{
    /// <summary>An escalation decision was recorded.</summary>
    DecisionRecorded = 1,
}
