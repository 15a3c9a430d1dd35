using System.Text.Json.Nodes;
using Mobilitet.Infra.Tests.Support;

namespace Mobilitet.Infra.Tests;

/// <summary>Properties of the compiled infra/main.bicep that the app's security and operation depend on.</summary>
[Collection(CompiledMainTemplateGroup.Name)]
public sealed class MainTemplateTests(CompiledMainTemplate compiled)
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string DurableTaskDataContributor = "0ad04412-c4d5-4796-b79c-f76d14c8d402";

    private static readonly string[] AppTables =
    [
        "Agreements", "AgreementIndex", "AgreementTimeline", "Measurements",
        "IndicatorValues", "Escalations", "Decisions", "AuditLog", "PersonalData", "NotificationLog", "FailedNotifications", "Outbox",
        "AgreementList", "TaskBoard", "AgreementTasks", "PersonKeyIndex", "RegisterRows", "RegisterImports",
        "WellBeingCheckIns", "CaseloadImports", "CaseloadReferences", "DecisionLinks", "DailyDigests", "OperatorLocks",
    ];

    private static readonly string[] StorageServiceLogs = ["StorageRead", "StorageWrite", "StorageDelete"];

    private ArmTemplate Main => compiled.Template;

    [Fact]
    public void Deploys_at_subscription_scope_into_resource_group_rg_env()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", (string?)Main.Root["$schema"], StringComparison.Ordinal);
        var group = Main.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("rg-", (string?)Main.Variables["$fxv#0"]!["resourcesResourceGroups"]); // abbreviations.json
        Assert.Contains("resourcesResourceGroups, parameters('environmentName')", (string?)Main.Variables["names"]!["resourceGroup"], StringComparison.Ordinal);
        Assert.Equal("[variables('tags')]", (string?)group["tags"]);
        Assert.Equal("[parameters('environmentName')]", (string?)Main.Variables["tags"]!["azd-env-name"]);
        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            (string?)Main.Variables["resourceToken"]);
    }

    [Fact]
    public void Storage_account_accepts_only_entra_identities_over_tls_1_2()
    {
        var properties = Main.Module("storage").Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.Null(properties["networkAcls"]!["ipRules"]);
    }

    [Fact]
    public void Storage_has_the_apps_tables_and_private_containers()
    {
        var tables = Main.Variables["appTables"]!.AsArray().Select(t => (string?)t);
        Assert.Equal(AppTables.Order(), tables.Order());
        Assert.Contains("agreement-documents", Main.Variables["appContainers"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("[variables('appTables')]", Main.ModuleParameter("storage", "tables"));
        Assert.Contains("variables('appContainers')", Main.ModuleParameter("storage", "containers"), StringComparison.Ordinal);
        Assert.Contains("variables('deploymentStorageContainerName')", Main.ModuleParameter("storage", "containers"), StringComparison.Ordinal);

        var storage = Main.Module("storage");
        Assert.Equal("[length(parameters('tables'))]", (string?)storage.Single("Microsoft.Storage/storageAccounts/tableServices/tables")["copy"]!["count"]);
        var container = storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void Storage_names_match_the_ones_the_storage_adapters_use()
    {
        // Infra creates the tables and the container the adapters use
        // (functions/Mobilitet.Workflows.Azure/Configuration/StorageNames.cs); the two lists must not drift apart.
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "Mobilitet.Workflows.Azure", "Configuration", "StorageNames.cs"));
        var constants = System.Text.RegularExpressions.Regex
            .Matches(source, @"public const string (\w+) = ""([A-Za-z0-9-]+)"";")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var adapterTables = constants.Where(c => !c.Key.EndsWith("Container", StringComparison.Ordinal)).Select(c => (string?)c.Value);
        var adapterContainers = constants.Where(c => c.Key.EndsWith("Container", StringComparison.Ordinal)).Select(c => (string?)c.Value);
        Assert.Equal(adapterTables.Order(), Main.Variables["appTables"]!.AsArray().Select(t => (string?)t).Order());
        Assert.Equal(["agreement-documents", "data-protection", "register-extracts"], adapterContainers.Order());
        Assert.Equal(adapterContainers.Order(), Main.Variables["appContainers"]!.AsArray().Select(c => (string?)c).Order());
    }

    [Fact]
    public void Managed_identity_gets_the_three_storage_data_roles_on_the_account()
    {
        var assignments = IdentityRoleAssignments();

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(),
            assignments.Where(a => a.Scope.Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal)).Select(a => a.RoleId).Order());
    }

    [Fact]
    public void Managed_identity_can_publish_telemetry_and_read_key_vault_secrets()
    {
        var assignments = IdentityRoleAssignments();

        Assert.Contains(assignments, a => a.RoleId == MonitoringMetricsPublisher && a.Scope.Contains("Microsoft.Insights/components", StringComparison.Ordinal));
        Assert.Contains(assignments, a => a.RoleId == KeyVaultSecretsUser && a.Scope.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
    }

    [Fact]
    public void Deploying_user_gets_data_roles_only_when_principal_id_is_set()
    {
        var rbac = Main.Module("rbac");
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", (string?)rbac.Variables["grantUser"]);

        var userAssignments = rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(r => ((string?)r["properties"]!["principalId"])!.Contains("userPrincipalId", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, userAssignments.Count); // storage (x3 by copy), telemetry, secrets
        Assert.All(userAssignments, r => Assert.Equal("[variables('grantUser')]", (string?)r["condition"]));
        Assert.Equal("[variables('dataRolePrincipalId')]", Main.ModuleParameter("rbac", "userPrincipalId"));
        Assert.Equal("[variables('dataRolePrincipalId')]", Main.ModuleParameter("durable-task-scheduler", "userPrincipalId"));
        Assert.Equal("[if(parameters('grantPrincipalDataRoles'), parameters('principalId'), '')]", (string?)Main.Variables["dataRolePrincipalId"]);
        Assert.Equal(string.Empty, (string?)Main.Parameters["principalId"]!["defaultValue"]);
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_a_flex_consumption_plan()
    {
        var plan = Main.Module("plan").Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());

        var site = Main.Module("api").Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("[parameters('runtimeVersion')]", (string?)runtime["version"]);
        Assert.Equal("10.0", Main.ModuleParameter("api", "runtimeVersion"));
    }

    [Fact]
    public void Function_app_is_tagged_for_azd_and_runs_as_the_user_assigned_identity()
    {
        var site = Main.Module("api").Single("Microsoft.Web/sites");

        Assert.Contains("'azd-service-name', parameters('serviceName')", (string?)site["tags"], StringComparison.Ordinal);
        Assert.Equal("api", Main.ModuleParameter("api", "serviceName"));
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);

        var deploymentStorage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)deploymentStorage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)deploymentStorage["authentication"]!["type"]);
    }

    [Fact]
    public void Function_app_has_secure_site_defaults_and_no_basic_publishing_credentials()
    {
        var api = Main.Module("api");
        var properties = api.Single("Microsoft.Web/sites")["properties"]!;

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("Disabled", (string?)properties["siteConfig"]!["ftpsState"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["scmMinTlsVersion"]);

        var policies = api.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => ((string?)p["name"])!.Contains("'ftp'", StringComparison.Ordinal));
        Assert.Contains(policies, p => ((string?)p["name"])!.Contains("'scm'", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void App_settings_use_identity_based_storage_and_telemetry()
    {
        var settings = AppSettingsExpression();

        Assert.Equal("'managedidentity'", Setting(settings, "AzureWebJobsStorage__credential"));
        Assert.Equal("parameters('storageAccountName')", Setting(settings, "AzureWebJobsStorage__accountName"));
        Assert.Equal("parameters('identityClientId')", Setting(settings, "AzureWebJobsStorage__clientId"));
        Assert.Equal("parameters('storageAccountName')", Setting(settings, "Storage__AccountName"));
        Assert.Equal("parameters('identityClientId')", Setting(settings, "Storage__ClientId"));
        Assert.Equal("parameters('identityClientId')", Setting(settings, "AZURE_CLIENT_ID"));
        Assert.Equal("reference('applicationInsights').ConnectionString", Setting(settings, "APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal(
            "format('ClientId={0};Authorization=AAD', parameters('identityClientId'))",
            Setting(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Null(ArmExpression.ArgumentAfter(settings, "AzureWebJobsStorage"));
        Assert.DoesNotContain("AccountKey", compiled.Json, StringComparison.OrdinalIgnoreCase);
        // No account keys: the one key the template reads is the Functions host's blobs_extension system key, for the
        // Event Grid webhook of the register-extract drop (see the test of that subscription).
        var listKeys = System.Text.RegularExpressions.Regex.Count(compiled.Json, "listKeys\\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var hostKeys = System.Text.RegularExpressions.Regex.Count(compiled.Json, System.Text.RegularExpressions.Regex.Escape("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', "));
        Assert.Equal(1, hostKeys);
        Assert.Equal(hostKeys, listKeys);
    }

    [Fact]
    public void App_settings_read_secrets_through_key_vault_references()
    {
        var settings = AppSettingsExpression();
        var api = Main.Module("api");

        Assert.Null(Setting(settings, "Links__SigningKey")); // decision links are Data Protection's, no key of their own
        var sendGrid = (string)api.Variables["sendGridSettings"]!;
        Assert.StartsWith("[if(empty(parameters('sendGridApiKeySecretUri')), createObject(),", sendGrid, StringComparison.Ordinal);
        Assert.Equal(
            "format('@Microsoft.KeyVault(SecretUri={0})', parameters('sendGridApiKeySecretUri'))",
            ArmExpression.ArgumentAfter(sendGrid, "SendGrid__ApiKey"));
        Assert.Contains("variables('sendGridSettings')", settings, StringComparison.Ordinal);

        Assert.Equal(
            "format('@Microsoft.KeyVault(SecretUri={0})', parameters('registersPersonKeySecretUri'))",
            Setting(settings, "Registers__PersonKeySecret"));

        Assert.Contains("'secret-registers-person-key'", Main.ModuleParameter("api", "registersPersonKeySecretUri"), StringComparison.Ordinal);
        Assert.Contains("'secret-sendgrid-api-key'", Main.ModuleParameter("api", "sendGridApiKeySecretUri"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_protection_certificate_is_a_key_vault_reference_to_its_secret_only_when_named()
    {
        var api = Main.Module("api");
        var dataProtection = (string)api.Variables["dataProtectionSettings"]!;

        Assert.StartsWith("[if(empty(parameters('dataProtectionCertificateSecretUri')), createObject(),", dataProtection, StringComparison.Ordinal);
        Assert.Equal(
            "format('@Microsoft.KeyVault(SecretUri={0})', parameters('dataProtectionCertificateSecretUri'))",
            ArmExpression.ArgumentAfter(dataProtection, "DataProtection__KeyCertificate"));
        Assert.Contains("variables('dataProtectionSettings')", AppSettingsExpression(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, (string?)Main.Parameters["dataProtectionCertificateName"]!["defaultValue"]);
        // Bicep lifts the condition over the whole parameter: if(empty(name), {value: ''}, {value: '<vault>secrets/<name>'}).
        var uri = ArmTemplate.Text(Main.Deployment("api")["properties"]!["parameters"]!["dataProtectionCertificateSecretUri"]!);
        Assert.StartsWith("[if(empty(parameters('dataProtectionCertificateName')), createObject('value', ''),", uri, StringComparison.Ordinal);
        Assert.Contains("format('{0}secrets/{1}',", uri, StringComparison.Ordinal);
        Assert.Contains("'keyvault'", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_configure_links_and_notifications()
    {
        var settings = AppSettingsExpression();

        Assert.Equal("format('https://{0}', reference('functionApp').defaultHostName)", Setting(settings, "Links__PublicBaseUrl"));
        Assert.Equal("'true'", Setting(settings, "Links__RequireToken"));
        Assert.Equal("parameters('financeApproverEmail')", Setting(settings, "Notifications__FinanceApproverEmail"));
        Assert.Equal("parameters('notificationsFromEmail')", Setting(settings, "Notifications__FromEmail"));
    }

    [Fact]
    public void The_site_root_is_the_apps_front_page_not_the_platforms_placeholder()
    {
        Assert.Equal("'true'", Setting(AppSettingsExpression(), "AzureWebJobsDisableHomepage"));
    }

    [Fact]
    public void Key_vault_uses_rbac_with_soft_delete_and_purge_protection()
    {
        var properties = Main.Module("keyvault").Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True(properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Null(properties["accessPolicies"]);
        Assert.Null(properties["networkAcls"]!["ipRules"]);
    }

    [Fact]
    public void Secrets_come_from_secure_parameters_and_sendgrid_is_optional()
    {
        Assert.Null(Main.Parameters["linkSigningKey"]);
        Assert.Equal("securestring", (string?)Main.Parameters["sendGridApiKey"]!["type"]);
        Assert.Equal(string.Empty, (string?)Main.Parameters["sendGridApiKey"]!["defaultValue"]);
        Assert.Equal("securestring", (string?)Main.Parameters["authClientSecret"]!["type"]);

        Assert.Equal("securestring", (string?)Main.Parameters["registersPersonKeySecret"]!["type"]);
        Assert.Null(Main.Parameters["registersPersonKeySecret"]!["defaultValue"]);
        Assert.Equal(44, (int?)Main.Parameters["registersPersonKeySecret"]!["minLength"]);

        Assert.Null(Main.Deployment("secret-registers-person-key")["condition"]);
        Assert.Equal("RegistersPersonKeySecret", Main.ModuleParameter("secret-registers-person-key", "name"));
        Assert.Equal("[not(empty(parameters('sendGridApiKey')))]", (string?)Main.Deployment("secret-sendgrid-api-key")["condition"]);
        Assert.Equal("SendGridApiKey", Main.ModuleParameter("secret-sendgrid-api-key", "name"));
        Assert.Equal("securestring", (string?)Main.Module("secret-registers-person-key").Parameters["value"]!["type"]);
    }

    [Fact]
    public void Authentication_requires_entra_sign_in_except_for_the_signed_email_link_endpoints_and_static_files()
    {
        var api = Main.Module("api");
        var auth = Assert.Single(api.ResourcesOfType("Microsoft.Web/sites/config"), c => ((string?)c["name"])!.Contains("'authsettingsV2'", StringComparison.Ordinal));

        Assert.Equal("[variables('authEnabled')]", (string?)auth["condition"]);
        Assert.Equal("[not(empty(parameters('authClientId')))]", (string?)api.Variables["authEnabled"]);
        var validation = auth["properties"]!["globalValidation"]!;
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("azureactivedirectory", (string?)validation["redirectToProvider"]);
        Assert.Equal("[parameters('authExcludedPaths')]", (string?)validation["excludedPaths"]);
        Assert.Equal(["/api/escalations/*", "/static/*", "/api/health", "/runtime/webhooks/blobs"], api.Parameters["authExcludedPaths"]!["defaultValue"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(
            ["RedirectToLoginPage", "Return401"],
            api.Parameters["authUnauthenticatedClientAction"]!["allowedValues"]!.AsArray().Select(v => (string?)v));

        var provider = auth["properties"]!["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(provider["enabled"]!.GetValue<bool>());
        Assert.Contains("environment().authentication.loginEndpoint", (string?)provider["registration"], StringComparison.Ordinal);
        Assert.True(auth["properties"]!["httpSettings"]!["requireHttps"]!.GetValue<bool>());

        Assert.Contains("AUTH_WARNING", Main.Outputs.Select(o => o.Key));
    }

    [Fact]
    public void Dropped_register_extracts_reach_the_blob_trigger_through_an_event_grid_subscription_once_the_app_is_deployed()
    {
        var events = Main.Module("register-extract-events");
        var topic = events.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)topic["properties"]!["source"]);
        Assert.Equal("[variables('names').storage]", Main.ModuleParameter("register-extract-events", "storageAccountName"));
        Assert.Equal("[variables('names').functionApp]", Main.ModuleParameter("register-extract-events", "functionAppName"));

        // Created only when asked: Event Grid validates the webhook on creation, which needs the deployed app.
        var subscription = events.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        Assert.Equal("[parameters('createSubscription')]", (string?)subscription["condition"]);
        Assert.Equal("[parameters('registerExtractDrops')]", Main.ModuleParameter("register-extract-events", "createSubscription"));
        Assert.False(Main.Parameters["registerExtractDrops"]!["defaultValue"]!.GetValue<bool>());
        var file = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]!;
        Assert.Equal("${REGISTER_EXTRACT_DROPS=false}", (string?)file["registerExtractDrops"]!["value"]);

        // The blob extension's webhook for the one function, with the host's blobs_extension system key.
        var destination = subscription["properties"]!["destination"]!;
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        var url = (string)destination["properties"]!["endpointUrl"]!;
        Assert.StartsWith("[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}', ", url, StringComparison.Ordinal);
        Assert.Contains("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2024-11-01').systemKeys.blobs_extension", url, StringComparison.Ordinal);
        Assert.Equal("Registers_ExtractDropped", (string?)events.Variables["functionName"]);

        // Blob-created events for every file under the drop folder: none is filtered away unseen, and the kept copies
        // under imports/ raise nothing for the trigger.
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("[format('/blobServices/default/containers/{0}/blobs/{1}', parameters('containerName'), parameters('dropFolder'))]", (string?)filter["subjectBeginsWith"]);
        Assert.Equal("register-extracts", (string?)events.Parameters["containerName"]!["defaultValue"]);
        Assert.Equal("incoming/", (string?)events.Parameters["dropFolder"]!["defaultValue"]);
        Assert.Null(filter["subjectEndsWith"]);
        Assert.Null(filter["advancedFilters"]);
        Assert.Equal("EventGridSchema", (string?)subscription["properties"]!["eventDeliverySchema"]);
        Assert.True(subscription["properties"]!["retryPolicy"]!["maxDeliveryAttempts"]!.GetValue<int>() >= 10);

        // Event Grid reaches the webhook past App Service Authentication; the host checks the key itself.
        Assert.Contains("/runtime/webhooks/blobs", Main.Module("api").Parameters["authExcludedPaths"]!["defaultValue"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("REGISTER_EXTRACT_DROPS_SUBSCRIBED", Main.Outputs.Select(o => o.Key));
    }

    [Fact]
    public void Diagnostic_settings_send_app_storage_and_key_vault_logs_to_log_analytics()
    {
        var api = Main.Module("api");
        Assert.Contains("FunctionAppLogs", Categories(api, api.Single("Microsoft.Insights/diagnosticSettings"), "logs"));

        var storage = Main.Module("storage");
        var storageSettings = storage.ResourcesOfType("Microsoft.Insights/diagnosticSettings").ToList();
        foreach (var service in new[] { "blobServices", "tableServices", "queueServices" })
        {
            var setting = Assert.Single(storageSettings, s => ((string?)s["scope"])!.Contains($"Microsoft.Storage/storageAccounts/{service}", StringComparison.Ordinal));
            Assert.Equal(StorageServiceLogs.Order(), Categories(storage, setting, "logs").Order());
            Assert.Contains("Transaction", Categories(storage, setting, "metrics"));
        }

        var vault = Main.Module("keyvault");
        Assert.Contains("AuditEvent", Categories(vault, vault.Single("Microsoft.Insights/diagnosticSettings"), "logs"));

        Assert.All(
            Main.SelfAndModules().SelectMany(t => t.ResourcesOfType("Microsoft.Insights/diagnosticSettings")),
            s => Assert.Equal("[parameters('logAnalyticsWorkspaceId')]", (string?)s["properties"]!["workspaceId"]));
    }

    [Fact]
    public void Application_insights_is_workspace_based_and_refuses_key_only_ingestion()
    {
        var properties = Main.Module("monitoring").Single("Microsoft.Insights/components")["properties"]!;

        Assert.True(properties["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)properties["WorkspaceResourceId"], StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_task_scheduler_is_deployed_only_when_selected()
    {
        Assert.Equal("AzureStorage", (string?)Main.Parameters["durableBackend"]!["defaultValue"]);
        Assert.Equal(
            ["AzureStorage", "DurableTaskScheduler"],
            Main.Parameters["durableBackend"]!["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("[equals(parameters('durableBackend'), 'DurableTaskScheduler')]", (string?)Main.Variables["useDurableTaskScheduler"]);
        Assert.Equal("[variables('useDurableTaskScheduler')]", (string?)Main.Deployment("durable-task-scheduler")["condition"]);

        var dts = Main.Module("durable-task-scheduler");
        dts.Single("Microsoft.DurableTask/schedulers");
        dts.Single("Microsoft.DurableTask/schedulers/taskHubs");
        var identityRole = Assert.Single(
            dts.ResourcesOfType("Microsoft.Authorization/roleAssignments"),
            r => (string?)r["properties"]!["principalType"] == "ServicePrincipal");
        Assert.Contains("variables('durableTaskDataContributor')", (string?)identityRole["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.Equal(DurableTaskDataContributor, (string?)dts.Variables["durableTaskDataContributor"]);

        // Nowhere else: with the default backend nothing of the scheduler is deployed.
        var elsewhere = Main.SelfAndModules()
            .Where(t => !ReferenceEquals(t.Root, dts.Root))
            .SelectMany(t => t.Resources)
            .Where(r => ((string?)r["type"])!.StartsWith("Microsoft.DurableTask/", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(elsewhere);
    }

    [Fact]
    public void Durable_task_scheduler_settings_are_added_only_for_that_backend_and_name_the_hosts_task_hub()
    {
        var api = Main.Module("api");
        var dtsSettings = (string)api.Variables["durableTaskSchedulerSettings"]!;

        Assert.StartsWith("[if(variables('useDurableTaskScheduler'), createObject(", dtsSettings, StringComparison.Ordinal);
        Assert.EndsWith(", createObject())]", dtsSettings, StringComparison.Ordinal);
        Assert.Equal("[equals(parameters('durableBackend'), 'DurableTaskScheduler')]", (string?)api.Variables["useDurableTaskScheduler"]);
        Assert.Equal(
            "format('Endpoint={0};Authentication=ManagedIdentity;ClientID={1};TaskHub={2}', parameters('durableTaskSchedulerEndpoint'), parameters('identityClientId'), parameters('taskHubName'))",
            ArmExpression.ArgumentAfter(dtsSettings, "DURABLE_TASK_SCHEDULER_CONNECTION_STRING"));
        Assert.Equal("'azureManaged'", ArmExpression.ArgumentAfter(dtsSettings, "AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"));
        Assert.Equal(
            "'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'",
            ArmExpression.ArgumentAfter(dtsSettings, "AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName"));
        Assert.Contains("variables('durableTaskSchedulerSettings')", AppSettingsExpression(), StringComparison.Ordinal);

        var hostJson = JsonNode.Parse(File.ReadAllText(RepoPaths.HostJson))!;
        var hubName = (string?)hostJson["extensions"]!["durableTask"]!["hubName"];
        Assert.Equal(hubName, (string?)Main.Parameters["taskHubName"]!["defaultValue"]);
        Assert.Equal("MobilitetWorkflows", hubName);
    }

    [Fact]
    public void Nothing_opens_a_network_to_the_whole_internet()
    {
        Assert.DoesNotContain("0.0.0.0", compiled.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("::/0", compiled.Json, StringComparison.Ordinal);
        var scheduler = Main.Module("durable-task-scheduler").Single("Microsoft.DurableTask/schedulers");
        Assert.Equal("[parameters('ipAllowlist')]", (string?)scheduler["properties"]!["ipAllowlist"]);
    }

    [Fact]
    public void Outputs_follow_azd_conventions_and_carry_no_secrets()
    {
        string[] expected =
        [
            "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME",
            "SERVICE_API_NAME", "SERVICE_API_URI", "AZURE_KEY_VAULT_NAME", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "DURABLE_BACKEND", "AUTH_ENABLED",
        ];
        var outputs = Main.Outputs;
        Assert.All(expected, name => Assert.True(outputs.ContainsKey(name), $"missing output {name}"));
        Assert.All(outputs, o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o.Key));

        var secureParameters = Main.Parameters
            .Where(p => (string?)p.Value!["type"] == "securestring")
            .Select(p => $"parameters('{p.Key}')")
            .ToList();
        Assert.Equal(3, secureParameters.Count); // register person-key secret, SendGrid key, auth client secret
        foreach (var template in Main.SelfAndModules())
        {
            foreach (var (name, output) in template.Outputs)
            {
                var value = ArmTemplate.Text(output!["value"]!);
                Assert.DoesNotMatch(@"\blist[A-Za-z]*\(", value); // listKeys(), listSecrets(), ...
                Assert.All(secureParameters, p => Assert.False(value.Contains(p, StringComparison.Ordinal), $"output {name} uses {p}"));
                Assert.NotEqual("securestring", (string?)output["type"]);
            }
        }
    }

    [Fact]
    public void Parameters_file_maps_every_required_parameter_to_an_azd_environment_variable()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]!.AsObject();
        var declared = Main.Parameters;

        Assert.All(file, p => Assert.True(declared.ContainsKey(p.Key), $"{p.Key} is not a parameter of main.bicep"));
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(file.ContainsKey(name), $"required parameter {name} is not in main.parameters.json"));
        Assert.All(file, p => Assert.Matches(@"^\$\{[A-Z][A-Z0-9_]*(=[^}]*)?\}$", (string?)p.Value!["value"]));

        Assert.Equal("${AZURE_ENV_NAME}", (string?)file["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)file["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)file["principalId"]!["value"]);
        Assert.Equal("${DURABLE_BACKEND=AzureStorage}", (string?)file["durableBackend"]!["value"]);
    }

    private string AppSettingsExpression()
    {
        var api = Main.Module("api");
        var appSettings = Assert.Single(
            api.ResourcesOfType("Microsoft.Web/sites/config"),
            c => ((string?)c["name"])!.Contains("'appsettings'", StringComparison.Ordinal));
        return (string)appSettings["properties"]!;
    }

    private static string? Setting(string settings, string name) => ArmExpression.ArgumentAfter(settings, name);

    /// <summary>Enabled log or metric categories of a diagnostic setting (inline, or a variable of its template).</summary>
    private static List<string?> Categories(ArmTemplate template, JsonObject diagnosticSetting, string kind)
    {
        var entries = diagnosticSetting["properties"]![kind] switch
        {
            JsonArray inline => inline,
            JsonValue reference when ((string?)reference)!.StartsWith("[variables('", StringComparison.Ordinal) =>
                template.Variables[((string)reference!)["[variables('".Length..^"')]".Length]]!.AsArray(),
            _ => new JsonArray(),
        };
        return entries
            .Where(e => e!["enabled"]?.GetValue<bool>() == true)
            .Select(e => (string?)e!["category"])
            .ToList();
    }

    private sealed record RoleAssignment(string RoleId, string Scope, string PrincipalType);

    /// <summary>The role assignments for the app's identity in the rbac module, with the role ids resolved.</summary>
    private List<RoleAssignment> IdentityRoleAssignments()
    {
        var rbac = Main.Module("rbac");
        var roles = rbac.Variables["roles"]!.AsObject();
        string Resolve(string expression)
        {
            const string prefix = "variables('roles').";
            var start = expression.IndexOf(prefix, StringComparison.Ordinal);
            Assert.True(start >= 0, $"unexpected role expression {expression}");
            var name = new string(expression[(start + prefix.Length)..].TakeWhile(char.IsLetterOrDigit).ToArray());
            return (string)roles[name]!;
        }

        var result = new List<RoleAssignment>();
        foreach (var assignment in rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var properties = assignment["properties"]!;
            if (((string?)properties["principalId"])!.Contains("userPrincipalId", StringComparison.Ordinal))
            {
                continue;
            }

            var roleDefinition = (string)properties["roleDefinitionId"]!;
            Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", roleDefinition, StringComparison.Ordinal);
            var roleIds = roleDefinition.Contains("variables('storageRoles')[copyIndex()]", StringComparison.Ordinal)
                ? rbac.Variables["storageRoles"]!.AsArray().Select(r => Resolve((string)r!))
                : [Resolve(roleDefinition)];
            result.AddRange(roleIds.Select(id => new RoleAssignment(id, (string)assignment["scope"]!, (string)properties["principalType"]!)));
        }

        return result;
    }
}
