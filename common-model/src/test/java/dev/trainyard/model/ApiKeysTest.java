package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aKeyMapsToTheTenantWhoseHashIsConfigured() {
        ApiKeys keys = ApiKeys.parse("acme:" + ApiKeys.sha256Hex("k-acme") + ", globex:" + ApiKeys.sha256Hex("k-gx"));

        assertThat(keys.tenantOf("k-acme")).contains("acme");
        assertThat(keys.tenantOf("k-gx")).contains("globex");
        assertThat(keys.tenantOf("k-other")).isEmpty();
        assertThat(keys.tenantOf("")).isEmpty();
    }

    @Test
    void aMalformedEntryIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> ApiKeys.parse("acme:not-a-hash"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1")
                .hasMessageNotContaining("not-a-hash");
    }

    @Test
    void onlyBearerAuthorizationYieldsAKey() {
        assertThat(ApiKeys.bearerKey("Bearer abc")).contains("abc");
        assertThat(ApiKeys.bearerKey("bearer abc")).contains("abc");
        assertThat(ApiKeys.bearerKey("Basic abc")).isEmpty();
        assertThat(ApiKeys.bearerKey(null)).isEmpty();
        assertThat(ApiKeys.bearerKey("Bearer ")).isEmpty();
    }
}
