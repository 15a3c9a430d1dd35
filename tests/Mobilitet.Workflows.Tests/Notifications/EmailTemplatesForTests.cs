using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Workflows.Hosting.Emails;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Tests.Notifications;

/// <summary>The real email templates (Razor, rendered like the pages) for tests that compose emails.</summary>
internal static class EmailTemplatesForTests
{
    public static EmailTemplates Instance { get; } = new(new PageRenderer(new ServiceCollection().AddLogging().BuildServiceProvider(), NullLoggerFactory.Instance));
}
