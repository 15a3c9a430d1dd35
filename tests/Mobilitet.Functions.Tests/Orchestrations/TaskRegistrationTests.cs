using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Functions.Activities;
using Mobilitet.Functions.Orchestrations;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Functions.Tests.Orchestrations;

/// <summary>Every task in WorkflowTasks (what the local host registers) has its trigger wrapper here, under the same name.</summary>
public sealed class TaskRegistrationTests
{
    private static IEnumerable<(string Name, ParameterInfo[] Parameters)> Functions(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(method => (method.GetCustomAttribute<FunctionAttribute>()?.Name, method.GetParameters()))
            .Where(function => function.Name is not null)
            .Select(function => (function.Name!, function.Item2));

    [Fact]
    public void Every_orchestrator_has_an_orchestration_trigger_with_its_class_name()
    {
        var wrappers = Functions(typeof(OrchestratorFunctions)).ToList();

        Assert.Equal(WorkflowTasks.Orchestrators.Select(t => t.Name).Order(), wrappers.Select(w => w.Name).Order());
        Assert.All(wrappers, w => Assert.NotNull(w.Parameters[0].GetCustomAttribute<OrchestrationTriggerAttribute>()));
    }

    [Fact]
    public void Every_activity_has_an_activity_trigger_with_its_class_name_and_input_type()
    {
        var wrappers = Functions(typeof(ActivityFunctions)).ToDictionary(w => w.Name, w => w.Parameters);

        Assert.Equal(WorkflowTasks.Activities.Select(t => t.Name).Order(), wrappers.Keys.Order());
        foreach (var activity in WorkflowTasks.Activities)
        {
            var input = activity.BaseType!.GetGenericArguments()[0];
            var trigger = wrappers[activity.Name][0];
            Assert.NotNull(trigger.GetCustomAttribute<ActivityTriggerAttribute>());
            Assert.Equal(input, trigger.ParameterType);
        }
    }
}
