using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Functions.Http;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http;
using Moq;

namespace Mobilitet.Functions.Tests.Http;

/// <summary>
/// Both hosts serve the same HTTP surface — the JSON API under /api, the pages and static files from the
/// site root: every minimal-API route has an HTTP trigger with the same route from the site root (the
/// Functions host's route prefix is empty) and vice versa.
/// </summary>
public sealed class RouteParityTests
{
    private static readonly List<string> Triggers = typeof(AgreementFunctions).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods())
        .SelectMany(method => method.GetParameters())
        .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
        .OfType<HttpTriggerAttribute>()
        .SelectMany(trigger => trigger.Methods!.Select(method => $"{method.ToUpperInvariant()} {trigger.Route}"))
        .Order()
        .ToList();

    [Fact]
    public void The_functions_app_and_the_minimal_api_map_the_same_methods_and_routes()
    {
        var triggers = Triggers;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        builder.Services.AddMobilitetWorkflows(builder.Configuration);
        builder.Services.AddSingleton(new Mock<DurableTaskClient>("test").Object);
        var app = builder.Build();
        app.MapMobilitetApi();
        app.MapMobilitetPages();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Order()
            .ToList();

        Assert.NotEmpty(triggers);
        Assert.Equal(endpoints, triggers);
    }

    [Theory]
    [InlineData("GET api/agreements")]
    [InlineData("GET api/effects")]
    [InlineData("POST api/escalations/{escalationId}/decision")]
    [InlineData("GET api/escalations/{escalationId}/decide")]
    [InlineData("POST api/escalations/{escalationId}/decide")]
    [InlineData("GET static/{*path}")]
    public void The_api_pages_and_static_files_are_served_from_the_site_root(string route)
    {
        Assert.Contains(route, Triggers);
    }

    [Theory]
    [InlineData("GET aftaler/ny")]
    [InlineData("POST aftaler/ny")]
    [InlineData("GET aftaler/{id}")]
    [InlineData("POST aftaler/{id}/samtykke")]
    [InlineData("POST aftaler/{id}/finansiering")]
    [InlineData("POST aftaler/{id}/flytning")]
    [InlineData("POST aftaler/{id}/maaling")]
    [InlineData("POST aftaler/{id}/annuller")]
    [InlineData("POST aftaler/{id}/tilbagetraek-samtykke")]
    public void The_agreement_pages_and_their_steps_are_served(string route)
    {
        Assert.Contains(route, Triggers);
    }

    [Fact]
    public void Every_api_route_is_under_api_and_every_other_route_is_a_page_or_a_static_file()
    {
        var routes = Triggers.Select(trigger => trigger[(trigger.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.All(routes, route => Assert.True(
            route.StartsWith(Workflows.Routes.ApiRoutes.Base, StringComparison.Ordinal) || PageTemplates.Contains(route),
            $"{route} is neither an API route nor a page route of UiRoutes."));
    }

    [Theory]
    [InlineData("GET {home:maxlength(0)?}")]
    [InlineData("GET aftaler")]
    [InlineData("GET finansiering")]
    [InlineData("POST finansiering/{id}/afgoerelse")]
    [InlineData("GET eskaleringer")]
    [InlineData("POST eskaleringer/{escalationId}/beslutning")]
    [InlineData("GET revision")]
    [InlineData("GET registerudtraek")]
    [InlineData("POST registerudtraek")]
    [InlineData("GET registerudtraek/{importId}")]
    [InlineData("GET effekt")]
    public void The_list_pages_and_their_forms_are_served_from_the_site_root(string route)
    {
        Assert.Contains(route, Triggers);
    }

    /// <summary>The page templates UiRoutes names (its string constants that are not paths or the empty home path).</summary>
    private static readonly HashSet<string> PageTemplates = typeof(Workflows.Routes.UiRoutes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .Where(template => template.Length > 0 && !template.StartsWith('/'))
        .ToHashSet(StringComparer.Ordinal);
}
