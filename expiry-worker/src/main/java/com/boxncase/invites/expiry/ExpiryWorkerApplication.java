package com.boxncase.invites.expiry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Expires invitations on time, queues one reminder per expiry period, and purges long-finished invites. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExpiryWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpiryWorkerApplication.class, args);
    }
}
