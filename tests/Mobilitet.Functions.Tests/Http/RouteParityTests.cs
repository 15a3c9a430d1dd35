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

/// <summary>Both hosts serve the same HTTP surface: every minimal-API route has an HTTP trigger and vice versa.</summary>
public sealed class RouteParityTests
{
    [Fact]
    public void The_functions_app_and_the_minimal_api_map_the_same_methods_and_routes()
    {
        var triggers = typeof(AgreementFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(trigger => trigger.Methods!.Select(method => $"{method.ToUpperInvariant()} api/{trigger.Route}"))
            .Order()
            .ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        builder.Services.AddMobilitetWorkflows(builder.Configuration);
        builder.Services.AddSingleton(new Mock<DurableTaskClient>("test").Object);
        var app = builder.Build();
        app.MapMobilitetApi();
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
}
