# One image recipe for every deployable, built from the repository root:
#   docker compose build   (docker-compose.yml passes SERVICE and PORT per service)
#   docker build --build-arg SERVICE=invite-api --build-arg PORT=8080 -t boxncase/invite-api .
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN test -n "$SERVICE" \
    && ./mvnw -B -q -pl "$SERVICE" -am package -DskipTests -Dspotless.check.skip=true \
    && cp "$SERVICE"/target/"$SERVICE"-*.jar /app.jar

FROM eclipse-temurin:17-jre
ARG PORT=8080
RUN useradd --system --uid 10001 app
USER app
WORKDIR /app
COPY --from=build /app.jar app.jar
EXPOSE ${PORT}
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
