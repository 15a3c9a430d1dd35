using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Health;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Telemetry;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Hosting.Composition;

/// <summary>
/// Everything both hosts share: options, storage adapters, email composition, the activities, the
/// HTTP handlers and the pages (renderer, form protection). A host adds its engine (Functions' Durable extension, or the local sidecar)
/// and its <see cref="IPublicBaseAddress"/>.
/// Emails go through SendGrid when SendGrid:ApiKey is set, else into the outbox table.
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddMobilitetWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LifecycleOptions>()
            .Bind(configuration.GetSection(LifecycleOptions.Section))
            .Validate(options => options.DayLength > TimeSpan.Zero, "Lifecycle:DayLength must be a positive TimeSpan.")
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.AddOptions<FinancingOptions>()
            .Bind(configuration.GetSection(FinancingOptions.Section))
            .Validate(options => InstrumentCatalog.TryGet(options.DefaultInstrument, out _), "Financing:DefaultInstrument must name an instrument in InstrumentCatalog.")
            .ValidateOnStart();
        services.AddOptions<EmailLinkOptions>().Bind(configuration.GetSection(EmailLinkOptions.Section));
        services.AddOptions<Identity.IdentityOptions>().Bind(configuration.GetSection(Identity.IdentityOptions.Section));
        services.AddOptions<PersonKeyOptions>().Bind(configuration.GetSection(PersonKeyOptions.Section));
        services.AddOptions<SupportCodeOptions>().Bind(configuration.GetSection(SupportCodeOptions.Section));
        services.AddOptions<Retention.RetentionOptions>()
            .Bind(configuration.GetSection(Retention.RetentionOptions.Section))
            .Validate(options => options.PersonalData > TimeSpan.Zero && options.BatchSize > 0 && options.Parallelism > 0, "Retention:PersonalData must be a positive TimeSpan, Retention:BatchSize and Retention:Parallelism positive numbers.")
            .ValidateOnStart();

        // Resolved on first use: a host without the secret fails where a person key is needed, saying which setting is missing.
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PersonKeyOptions>>().Value.ToPersonKeys());
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<SupportCodeOptions>>().Value.ToTable());
        services.AddSingleton(provider => new Caseload.CaseloadReferenceKeys(provider.GetRequiredService<IOptions<PersonKeyOptions>>().Value));
        services.AddSingleton<Measurements.IIndicatorSource, Measurements.MilestoneIndicatorSource>();
        services.AddSingleton<Identity.DevelopmentSignIn>();
        services.AddSingleton<Identity.CurrentUserReader>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);
        // IPublicBaseAddress comes from the host: it alone knows where it listens when Links:PublicBaseUrl is unset.
        services.AddSingleton(provider => new RecipientKeys(provider.GetRequiredService<IOptions<PersonKeyOptions>>().Value));
        services.AddSingleton<NotificationLinks>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<Failures.WorkflowFailureRecorder>();

        services.AddAzureStorageAdapters(configuration);
        services.AddMobilitetHealthChecks();
        if (!services.AddSendGridEmail(configuration))
        {
            // No SendGrid key: emails are kept in the outbox, where a person can read them.
            services.AddOutboxEmail();
        }

        services.AddTransient<PersonalData.AgreementErasure>();
        services.AddTransient<Financing.FinancingSettler>();
        foreach (var activity in WorkflowTasks.Activities)
        {
            services.AddTransient(activity);
        }

        services.AddSingleton<RegisterImports.ExtractImporter>();
        services.AddSingleton<RegisterImports.DroppedExtractImporter>();
        services.AddSingleton<Commands.WorkflowGate>();
        services.AddSingleton<Commands.DecisionDesk>();
        services.AddSingleton<Commands.AgreementCommands>();
        services.AddSingleton<Commands.EscalationCommands>();
        services.AddSingleton<Commands.FollowUpCommands>();
        services.AddSingleton<Commands.CaseloadImports>();
        services.AddSingleton<Queries.PersonalDataQuery>();
        services.AddSingleton<Queries.AuditQuery>();
        services.AddSingleton<Queries.CprSearchQuery>();
        services.AddSingleton<CprSearchEndpoints>();
        services.AddSingleton<JsonCommand>();
        services.AddSingleton<AgreementEndpoints>();
        services.AddSingleton<AuditEndpoints>();
        services.AddSingleton<MunicipalityEndpoints>();
        services.AddSingleton<EscalationEndpoints>();
        services.AddSingleton<FollowUpEndpoints>();
        services.AddSingleton<RegisterEndpoints>();
        services.AddSingleton<CaseloadEndpoints>();
        services.AddSingleton<Queries.EffectQuery>();
        services.AddSingleton<EffectEndpoints>();
        services.AddSingleton<Queries.PortfolioQuery>();
        services.AddSingleton<PortfolioEndpoints>();
        services.AddOptions<Operations.OperationsOptions>().Bind(configuration.GetSection("Operations"));
        services.AddSingleton<Operations.OperationsQuery>();
        services.AddSingleton<Operations.OperationsCommands>();
        services.AddSingleton<Operations.OperationsEndpoints>();
        AddPages(services, configuration);
        AddMaintenanceJob<Maintenance.UnstartedAgreementRepair>(services);
        AddMaintenanceJob<Maintenance.UndeliveredDecisionRepair>(services);
        AddMaintenanceJob<Maintenance.FailedWorkflowSweep>(services);
        AddMaintenanceJob<Maintenance.PersonalDataRetention>(services);
        AddMaintenanceJob<Maintenance.RegisterDataWakeup>(services);
        AddMaintenanceJob<Maintenance.UnstartedCaseloadImportRepair>(services);
        AddMaintenanceJob<Maintenance.OrphanedPersonalDataSweep>(services);
        AddMaintenanceJob<Maintenance.DailyDigestJob>(services);
        services.AddMobilitetTelemetry(configuration);
        AddMaintenanceJob<Telemetry.TelemetrySnapshotJob>(services);
        AddMaintenanceJob<Maintenance.PersonalDataEncryptionMigration>(services);
        AddMaintenanceJob<Maintenance.AgreementIndexMigration>(services);
        services.ConfigureHttpJsonOptions(options => ApiJson.ConfigureResponses(options.SerializerOptions));
        return services;
    }

    /// <summary>The application name Data Protection isolates keys by: the same for every instance of both hosts.</summary>
    public const string DataProtectionApplicationName = "Mobilitet.Workflows";

    /// <summary>The antiforgery cookie (the form field is ASP.NET Core's "__RequestVerificationToken").</summary>
    public const string AntiforgeryCookieName = "mobilitet-antiforgery";

    /// <summary>
    /// The pages: the renderer, the page handlers, and antiforgery for their forms. Antiforgery tokens, decision links and
    /// personal data at rest are protected with Data Protection, whose key ring lives in Blob storage (<see cref="BlobXmlRepository"/>,
    /// registered with the storage adapters) under
    /// one application name, so a token from one instance (or host) is valid on any other. With a certificate configured
    /// (<see cref="KeyProtectionOptions"/>: Azure, from Key Vault) the keys are wrapped with it at rest; without one they
    /// are stored as they are (Data Protection logs a warning when it creates a key).
    /// </summary>
    private static void AddPages(IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        var keyProtection = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>();
        if (!string.IsNullOrWhiteSpace(keyProtection?.KeyCertificate))
        {
            var current = KeyProtectionOptions.Load(keyProtection.KeyCertificate);
            dataProtection.ProtectKeysWithCertificate(current);
            dataProtection.UnprotectKeysWithAnyCertificate([current, .. keyProtection.PreviousKeyCertificates.Where(value => !string.IsNullOrWhiteSpace(value)).Select(KeyProtectionOptions.Load)]);
        }

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;

            // Pages say frame-ancestors 'none' in their Content-Security-Policy (PageHeaders).
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<Measurements.IMeasurementReportPages, Pages.MeasurementReportPages>();
        services.AddSingleton<Financing.ISettlementReportPages, Pages.SettlementReportPages>();
        services.AddSingleton<IEmailTemplates, Emails.EmailTemplates>();
        services.AddSingleton<PageFrames>();
        services.AddSingleton<DecisionPageEndpoints>();
        services.AddSingleton<DecisionLinks.ProtectedDecisionLinks>();
        services.AddSingleton<Workflows.DecisionLinks.IDecisionLinks>(provider => provider.GetRequiredService<DecisionLinks.ProtectedDecisionLinks>());
        services.AddSingleton<DecisionLinks.DecisionLinkGate>();
        services.AddSingleton<WellBeing.CheckInLinks>();
        services.AddSingleton<Workflows.WellBeing.ICheckInLinks>(provider => provider.GetRequiredService<WellBeing.CheckInLinks>());
        services.AddSingleton<WellBeing.CheckInPageEndpoints>();
        services.AddSingleton<Pages.SignedInPages>();
        services.AddSingleton<Pages.DevelopmentSignInPage>();
        services.AddSingleton<Queries.AgreementDetailsQuery>();
        services.AddSingleton<Pages.NewAgreementPageHandler>();
        services.AddSingleton<Pages.AgreementDetailsPageHandler>();
        services.AddSingleton<Pages.ListPages>();
        services.AddSingleton<Pages.MyTasksPageHandler>();
        services.AddSingleton<Pages.AgreementListPageHandler>();
        services.AddSingleton<Pages.FinancingPageHandler>();
        services.AddSingleton<Pages.EscalationsPageHandler>();
        services.AddSingleton<Pages.AuditPageHandler>();
        services.AddSingleton<Pages.FailedNotificationsPageHandler>();
        services.AddSingleton<Pages.RegisterExtractsPageHandler>();
        services.AddSingleton<Pages.CaseloadImportPageHandler>();
        services.AddSingleton<Pages.EffectsPageHandler>();
        services.AddSingleton<Pages.PortfolioPageHandler>();
        services.AddSingleton<Operations.OperationsPageHandler>();
    }

    // Resolvable by its type (a Functions timer trigger, a test) and among all jobs (the local host's timer).
    private static void AddMaintenanceJob<TJob>(IServiceCollection services)
        where TJob : class, Maintenance.IMaintenanceJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<Maintenance.IMaintenanceJob>(provider => provider.GetRequiredService<TJob>());
    }
}
