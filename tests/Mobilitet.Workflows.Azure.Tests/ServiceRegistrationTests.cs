using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Email;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The DI registrations and option checks; none of these need a storage account.</summary>
public sealed class ServiceRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration>? add = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAzureStorageAdapters(configuration);
        add?.Invoke(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void Every_storage_port_resolves_to_one_singleton()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.Same(provider.GetRequiredService<IAgreementRepository>(), provider.GetRequiredService<IAgreementRepository>());
        Assert.Same(provider.GetRequiredService<IIndicatorStore>(), provider.GetRequiredService<IIndicatorStore>());
        Assert.NotNull(provider.GetRequiredService<ITimeline>());
        Assert.NotNull(provider.GetRequiredService<IMeasurementRepository>());
        Assert.NotNull(provider.GetRequiredService<IEscalationRepository>());
        Assert.NotNull(provider.GetRequiredService<IPersonalDataVault>());
        Assert.NotNull(provider.GetRequiredService<INotificationLog>());
        Assert.NotNull(provider.GetRequiredService<IDocumentStore>());
        Assert.NotNull(provider.GetRequiredService<IStorageInitializer>());
        Assert.Same(provider.GetRequiredService<ITaskBoard>(), provider.GetRequiredService<ITaskBoard>());
        Assert.Same(provider.GetRequiredService<IAgreementList>(), provider.GetRequiredService<IAgreementList>());
        Assert.Null(provider.GetService<IEmailSender>());
    }

    [Fact]
    public void An_account_name_gives_the_accounts_https_endpoints()
    {
        using var provider = Build(new() { ["Storage:AccountName"] = "stmobilitet01", ["Storage:ClientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.Equal(new Uri("https://stmobilitet01.table.core.windows.net/"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://stmobilitet01.blob.core.windows.net/"), provider.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public void A_connection_string_wins_and_the_clients_are_the_azure_client_factorys_singletons()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:AccountName"] = "stmobilitet01" });

        var tables = provider.GetRequiredService<TableServiceClient>();
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), provider.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Same(tables, provider.GetRequiredService<TableServiceClient>());
        Assert.Same(tables, provider.GetRequiredService<Microsoft.Extensions.Azure.IAzureClientFactory<TableServiceClient>>().CreateClient("Default"));
    }

    [Fact]
    public void Without_a_connection_string_or_account_the_options_are_rejected()
    {
        using var provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmno")]
    public void A_table_prefix_that_would_make_invalid_names_is_rejected(string prefix)
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:TablePrefix"] = prefix });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    [Fact]
    public void The_prefix_goes_in_front_of_table_names_and_lower_case_in_front_of_the_container()
    {
        var options = new StorageOptions { TablePrefix = "CiRun42" };

        Assert.Equal("CiRun42Agreements", options.TableName(StorageNames.Agreements));
        Assert.Equal("cirun42agreement-documents", options.ContainerName(StorageNames.DocumentsContainer));
    }

    [Fact]
    public void SendGrid_is_registered_only_when_a_key_is_configured()
    {
        bool withoutKey = true, withKey = false;
        using var without = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }, (s, c) => withoutKey = s.AddSendGridEmail(c));
        using var with = Build(
            new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["SendGrid:ApiKey"] = "SG.key" },
            (s, c) => withKey = s.AddSendGridEmail(c));

        Assert.False(withoutKey);
        Assert.Null(without.GetService<IEmailSender>());
        Assert.True(withKey);
        Assert.IsType<SendGridEmailSender>(with.GetRequiredService<IEmailSender>());
    }
}
