package com.boxncase.invites.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** invite-api: the thin HTTP API in front of the invite documents in MongoDB and the Kafka topics. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InviteApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(InviteApiApplication.class, args);
    }
}
