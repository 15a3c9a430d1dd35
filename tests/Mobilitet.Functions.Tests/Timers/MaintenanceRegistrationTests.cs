using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Functions.Timers;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Functions.Tests.Timers;

/// <summary>Every maintenance job the local host runs has its own timer trigger in the Functions app.</summary>
public sealed class MaintenanceRegistrationTests
{
    [Fact]
    public void Every_registered_maintenance_job_has_a_timer_trigger_that_takes_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }).Build();
        var registered = new ServiceCollection().AddMobilitetWorkflows(configuration)
            .Count(service => service.ServiceType == typeof(IMaintenanceJob));
        var jobTypes = typeof(IMaintenanceJob).Assembly.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && typeof(IMaintenanceJob).IsAssignableFrom(type))
            .ToList();

        var triggers = typeof(MaintenanceFunctions).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToList();
        var takenJobs = typeof(MaintenanceFunctions).GetConstructors().Single().GetParameters().Select(parameter => parameter.ParameterType);

        Assert.Equal(jobTypes.Count, registered);
        Assert.Equal(jobTypes.Count, triggers.Count);
        Assert.Equal(jobTypes.Select(type => type.Name).Order(), takenJobs.Select(type => type.Name).Order());
        Assert.All(triggers, trigger => Assert.Contains(trigger.GetParameters(), parameter => parameter.GetCustomAttribute<TimerTriggerAttribute>() is not null));
    }
}
