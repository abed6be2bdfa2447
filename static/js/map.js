// The map of directory results or of a service's venues (templates/directory/includes/map.html), drawn with Leaflet
// (static/vendor/leaflet/). Progressive enhancement only: the list on the page says everything the map does, and
// without this script (or Leaflet) the map's box stays hidden.
//
// Keyboard: the map itself takes focus (arrow keys move it, + and - zoom); each pin is a button named after its
// place and service, Enter or Space opens its popup and moves focus to the popup's first link; Escape closes the
// popup and returns focus to the pin.
(function () {
  "use strict";
  var box = document.querySelector("[data-map]");
  if (!box || !window.L || !box.querySelector) return;
  var source = document.getElementById(box.getAttribute("data-map"));
  var canvas = box.querySelector(".map__canvas");
  if (!source || !canvas) return;
  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (error) {
    return;
  }
  if (!data || !data.tiles || !data.markers || !data.markers.length) return;

  box.hidden = false;
  var L = window.L;
  // scrollWheelZoom off: a page scrolled past the map must not zoom it by accident (the buttons and keys still do).
  var map = L.map(canvas, { attributionControl: false, scrollWheelZoom: false });
  L.tileLayer(data.tiles, { maxZoom: 18 }).addTo(map);
  // Tiles are pictures of what the list says in words: hidden from screen readers (Leaflet gives them alt="").
  map.getPane("tilePane").setAttribute("aria-hidden", "true");
  map.getPane("shadowPane").setAttribute("aria-hidden", "true");

  // The pin images by their own addresses (the static files' names carry a hash in production, which Leaflet's own
  // guess at its image folder would miss).
  var icon = L.icon({
    iconUrl: box.getAttribute("data-icon"),
    iconRetinaUrl: box.getAttribute("data-icon-2x"),
    shadowUrl: box.getAttribute("data-shadow"),
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });

  function popupContent(marker) {
    var root = document.createElement("div");
    root.className = "map-popup";
    var name = document.createElement("p");
    name.className = "map-popup__name";
    name.textContent = marker.name;
    root.appendChild(name);
    if (marker.lines && marker.lines.length) {
      var address = document.createElement("p");
      address.className = "map-popup__address";
      marker.lines.forEach(function (line, index) {
        if (index) address.appendChild(document.createElement("br"));
        address.appendChild(document.createTextNode(line));
      });
      root.appendChild(address);
    }
    var list = document.createElement("ul");
    list.className = "map-popup__links";
    marker.links.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.className = "link";
      link.href = item.url;
      link.textContent = item.text;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    root.appendChild(list);
    return root;
  }

  // The view first: Leaflet draws a pin (and so gives it an element) only once the map has one.
  var points = data.markers.map(function (item) {
    return [item.lat, item.lng];
  });
  if (points.length === 1) {
    map.setView(points[0], 15);
  } else {
    map.fitBounds(points, { padding: [40, 40], maxZoom: 15 });
  }

  data.markers.forEach(function (item) {
    var marker = L.marker([item.lat, item.lng], { icon: icon, alt: item.label, title: item.label, riseOnHover: true });
    // A place with many services scrolls inside its popup rather than running off the map.
    // The map moves so that the popup clears the zoom buttons (top left).
    marker.bindPopup(popupContent(item), {
      maxWidth: Math.max(160, Math.min(260, canvas.clientWidth - 90)),
      maxHeight: Math.max(120, canvas.clientHeight - 90),
      autoPanPaddingTopLeft: [50, 10],
      autoPanPaddingBottomRight: [10, 10],
    });
    marker.addTo(map);
    var pin = marker.getElement();
    pin.classList.add("map__pin");
    // Leaflet opens the popup on Enter; a button opens on Space too.
    pin.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        marker.openPopup();
      }
    });
    marker.on("popupopen", function (event) {
      var element = event.popup.getElement();
      var first = element && element.querySelector(".map-popup a");
      if (first) first.focus({ preventScroll: true });
      if (element && !element.hasAttribute("data-escape")) {
        element.setAttribute("data-escape", "");
        element.addEventListener("keydown", function (keyEvent) {
          if (keyEvent.key === "Escape" || keyEvent.key === "Esc") {
            keyEvent.preventDefault();
            marker.closePopup();
          }
        });
      }
    });
    marker.on("popupclose", function (event) {
      // Focus was in the popup (fading out, then gone): give it back to the pin, not to the top of the page.
      var element = event.popup.getElement();
      var active = document.activeElement;
      if (!active || active === document.body || (element && element.contains(active))) {
        pin.focus({ preventScroll: true });
      }
    });
  });

})();
