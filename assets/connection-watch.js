// FieldSales: say so when the web app loses its connection to the app server.
//
// Flet 1.0.5's web client keeps its whole UI on one websocket (/ws). When that socket closes it
// reconnects quietly (500 ms, doubling) and holds back what the user taps until it is back; when
// the server stalls, the socket stays "open" and nothing happens at all. So: watch the socket
// (window.WebSocket is wrapped before Flutter starts) and, while it is idle, ask the server for a
// tiny file; when the socket closed or the server does not answer, cover the app with a bilingual
// notice that swallows every tap and key until the connection is back.
(function () {
  "use strict";
  // The notice shows when the app's socket closes or the browser goes offline, and goes when
  // the socket is open again. A socket that only falls silent is not taken for a lost link: a
  // busy server (a slow disk, a loaded machine) is silent too, and a notice then would eat the
  // user's taps for nothing; Flet's own client holds taps back until the link answers.
  var NativeWebSocket = window.WebSocket;
  var live = null; // the app's websocket
  var overlay = null;
  // The notice's Chinese glyphs, from assets/fonts/NotoSansSC-Regular.ttf (SIL OFL 1.1, see
  // assets/fonts/OFL.txt), made with: python -m fontTools.subset NotoSansSC-Regular.ttf
  //   --text="连接已断开，正在重连…已保存在手机上的数据不会丢失·" --flavor=woff2
  //   --layout-features='' --no-hinting --desubroutinize
  // Inline, because the notice shows exactly when the server cannot send a font any more.
  var NOTICE_FONT =
    "url(data:font/woff2;base64,d09GMgABAAAAAA68ABEAAAAAGFAAAA5eAAIBBgAAAAAAAAAAAAAAAAAAAAAAAAAAGYFkGyAcQgZgP1NUQVQuAIFkEQgKoWiaVgE2AiQDMgsyAAQgBYQqByAXJBgyG2ETUZSR1pwC/DhwTm8xTqQTkl15WGfqOoaITSN9561vIySZ9fvWyl/VNX29tTU9B8DqFAAqoDBJBoUyRqKKjI4N283z0Rme32YPDJAPohOwcoiNDaIMED6RkkZhBRbq1lYvxZwrewbqIsPYXXtRSfD9mu4LsXAxBlsdd7YAqIjlTZ2MKlnVqf/+f2uvdiEEu8H9LoCOhEyEirAxZv4L3p0QzPwNIEkgoYBUVFRcHKNx1TWuRvf4CqNaYVG3AaKlAQc+zTYON13DoAw/e1TR0rvSynPJvhoQYs4BAI6x5KewRA3I+zuqywDtuDq/FNBO9IZiQD7XG/SAfKE3GgCNNQBgopGfQMfvqu50U8pJH7BIM7u7U4vzoA4i5SxVuus0tyBntfG/Jhx+dUW5ATMnqijDg49LL2zrZ2CdoO8dIBu/ei1VPZMjEIFWCgDOiQKdzeNYjHSqTtWpOnU9qgUVj0vxdxwAVsAfyGQAsHKdgrZARMx1c5MhwrkG/2Ifmppy5IDl/P/mrvyfA5IjvFiRstnnX2ymWjskPOHlV3PqIe8Ki4yIvsNckRwvouQXR8HdiFKLkV/S0lcAfbxYKnbeiyzDrOPWfeQu8vd0lJTwtOSMnw7LyXINuRP5lfnzhXGluXUt+98/+PR/83Y5R31/Tdmfd5b+XPp96WPzN+bA6Q8n34wvn3Q+gT16a/T4aMnw8eG8wTdHzJ0HKmMNQkQeRDCLpZRk4aRa7VNe+SWD4KKht8Al5QuKsDfwkp7upRc5JjInEbYKaoF/sQiLybdXpTLNjmVZZWqnZyVhgHgxxMoqy7K77BQ/R0lY5aFERocgpUFKVoqcpGqBbRHM7v2paaYAnlwwGCElPQfxSiNJdUxTql5b75RWYX0rUrHffRU0XMF0XUM0Xsf1Wwq7L85HhfnCqni0HHctPi7FwQ7sgd0T5PVG37Irv7gGVoBidt1I1aymUptmZ0kbZ6h1wLJxGI+4QDUudVdFiHph35IJsZ4wDQ+TBi4HDVw3hAlb1KBxHNIBn6yi/yhx1XNnfJc9FmgkU7khzR7YreNgh3JbqzR4Qjy/Bqk0R6anCetVodsh1Kns3T6lBhI9hUfcXxJrQuWZ1IqE77bErvJ4XirAxTE8R8cMhWnYfl5VIrnu1mOlVpxDs5LrewHb9mSIlTE9SRFvmpwkXYeGvmqX5gRtKsR3V0fqs3IDUUgjL7H4/Ko5v/FVjGmMdPbueWhgAJEFVY3NCSpopq1cPnaQwR7Y7ePisLZt/i7ULVg34/7ihm//xASR2H5jFdMlWHv++joiDY+4hmd1MYBYqSdcQV6vQ3z324DYlcSQj1VUUrFQnWNI6EH72+xjdXdDUwt34dgoJdsyo7DCJkm3ye3eVRxs2yu2cHUOGfTo/oYuJkh9+8w65O+O+o3fiTGNkSa6HbsHEGkaWQgcqBuRTO76jmXxzJqzYHg9VzO3ShGNrKzkRbJEQ1lbqMpejPwM8+pqsDbx4RpYdMWl9cosnVZR0zQTSPW+0MbkxRUtxLpnuFojnGpt4Wxd/9OnD4ks07Vnz0i5IqJHLmqz3RrN6psAcm0C8rngirxtDweCzrq0D+RCVUPEhC77dBiemtFRlCwcbKXaj2/RGEh0n25OllELpNMbG2nrlcExIysbOfz5NXfB2Lqm/+rNq0SW6RZUkXRM3CLjRtKFGK5pjHQf2X89AWmXBhG7IGgwbAVb+3WhyLUNEfuh1HiP48CA68gGon+G2HD8OGHU78g45pg4STINjyHq5r5HD/GOr0KKYNMCaXFjjqb/6subRNYwC8r+8sNFgJl9Kvfm4MQon+iWO2RlrmZ01Q0eWTmln+lR0L2GBsIqjHGavuA3vh5Sv7trninHgYkpyXlP9FmRLJ9P4SwZzrPSkOqU9uUzL1/ORt9az+i+Sn+odMtGxR4ZHCSM2whM17ps9ll315UbwdrXG4WQ6DE84nbOX0WMpBvY53cIC4216DqwonpWrwZ/2vj2wM4Xe/UNpjCUsBebgnRvA/i4dL4Uz3Ez4vEGQqs5Mr4aCqj75p6xOnnVTePmqi1HKXB1yy/qnwKe4M+fevx93cPd/Hf9TQAyu3tch8CaGxGPnOxtFjc7NqfIY+TAUoXMlGZ+ub7vip6TwVckXnk4J4PThNkwk6xwiy04dvvORBVD6O9fn0Q5UravoaArtEEhR1xNAj2iZ/xnytYafg1Lleg2pyqBC+kib0pisbJ8nSY5IIlrdtw1R/9JrL70lM6Ok5hknkxV1xA3FgEcU91QzvFKSlgroxfzCN+N0aG2TgRE5tFYsN2y8137e5gMYJOyXZCGvA1dwU84gmRFgjBhweY9+L107Ob95HRBmoZD4QkytdmDZr6HvOb36yaekAa36QOWSnv29nyaqayXt3ATSfUwupjj0iQyarN1vzmowh17jgot4vIv/UBPTJAN8kPik7pNMA0JUGk4ayhdGuzZzuiGHtl1Qjo0+QzQ/CBmi33nO3gdLZR30qrLMzPquMSU3LLSjH1e7F0T3tzcJmPJcgrBr22+Jiu7NvvRBeOFyxzUNlRBCY/opUo5Vbi/kPI1VOSZsVdxQHSWB9utCwBzrkxQFv0LHsb7u2bAGegisVCM/TlbusWnquSD/lu5MP3NF8mJoYa9ukOsEbNM/IcYRLfuEe85+58U7yCkdSXWS2oX5g+XcCojm9DpuyUnctZCTC/vzJDr/W1Sat3nausWfKu3bMpieXZd4a36HceK6im03/3rK7b2Z6aWhdTZ7kwAMhsDbFALRnmjN0okam9kx6Aawfa8tw8cP25zox5zD+nw8a+bcq42vq1ksIMjjmUz6N/cKxOUsR9JqCofZs6DaQ++1CWGVfzcLook/0rAwXTJH17snli8KEsvJwaEXbKViE2nL56w5jqm3ZU5MjF0uVZGwyRlOG9lMylJMpEsY+TdZ7LmPmB1GJUgSPBzaxQ0qtukEVJSYqSEKMQfjujJb9BEF0fm9ivCs2pC99g2s0H4x/wyjsOcxw3iLVwq0n1SnGx5HXeeMOZqQEMCiHOiXdQ++rH0NqXtwoM8SxkIHH6UfEBCw4J3MuDys9s3Fl9zTjWM+7KEodtQR5yHqQe78xV9NcXBraQ+qw6GPwdiQwpVNbP6kICv4C+7XWbw/o76n/OldXEqQu2C4cqcxyJZBOtDUXDUbluY7vkhxensD9gHhh+iG2zqIOAaVT4cpnC24QkcD4fdtjrkDXvXUdMkeGxS0K1m3C//Cyra3v79NU+Op89UOju99F57eQA8dHnYX+gTBRO2R+jKb/36x9tTUUa2cYXAxxKkImOtYiLaYCe3HO60Pcst2Z4as8bOY5Ru42GTGKXM7JNC1M0P26mttJq4HnRpJaM5rjOy8DoXw/DjDglsO335gMdp2Nbg0LnJ3Oz45Gt2GI+GurlwwEyGz8LTLflSP35qR4qvqL81ZLtIpYWnyvQzh1QMvlhmt0696znQ//jTHYQ/JXwFrLD7n6u2WUHm+MEdPHa2MY/W6z9xu5NnTZpOQY5c2c6KXbcuqI49OJf046FWUovy633mVOrDW70ZtKar6r+cD7x98pvIquj8WMoP6Py4qhibq7jlBo/SXabJzCyX9IihZMKosrrJJZU5lhkip6jXONAfAZogaQIwu+SwcyIbdifuRh62TcT/AG5T2c/YyIZlUmwtu8A7w3fXP8zkqNyx+KVgf73382kDkYVF4Z2cs33Yvo76xT8Gd6+m71zZ79OumPuNWwlXXvfi+/GtPx7Z+HUHucnznaCXu47u8Czb6qXiM1Oxc+Rxf+kI+nNfvteQzVEp8P4Y/xf/ryBYyGZCfV4H2W06mKOvITB2ujehG+IsWaKXTsERtRgre5StNkqGsEOIIy798Not1NetSDY5iYc8MLZ/zLT3MwNvhTQLmifchQNC5GH8uwGNkbvoxZ9k1vUu0dKp5f5VSTEzz+nHO789UfDu4Wcg5T+GiGHG5Apz1+OahE2uvtbyTXnA39L/pWiapPZRuV+jvg7i8N7jke8ROISqvxS473yyNp914L7XtEXyIh25fGDrYGl1GvMt3kRQbVqxTjYqwEn8w3kHBWILntx5ZYsC1w99YTluscTH24si+uL3eOZn720JphtDWt2zji/Hq6Kk//7+XYQiTg3++GVBWNQMb/U5Mlxhu/HW/e+jObn7nD+/7Nlinxyah8yzSrNWCcf2Qid0FgXIPAQ5p5Wk/yTADm+8khMrsEkX3fxaKpCG/1sFV6FQOo4u0op57y3Am/FDFaC6Rui3Dn21+7KPwjv9mZRAYse0xNd/gASoMlsQ35jQaHWvjlnHvfB7/O/iATFWTLyt3MGBprdcxF5G6wDupEiLvIQ+gx2zRz6XuElc94jdxHnRS7FLYLRE/YAlpdurosVzF2w9V3z9bnsGLkQlZdSSAgDgzm+C/CBw+L9/u+ez8KP/gnMFgJ9mvykAgD+Hzm/8Q/q70KxEFQPAYwBAIPl/H5L//If077dmJUCor6RiwYH8eA4iBYsTyBFZd5enDFEiuHPjT93FRtHx4O12BqoLi0DdNiB6glMsXv1LOeVtQT+RVBtNZNG7RGfSrUTRHZyYOBe9CV57vPkwESw+AYpcAbxEoAoXJaQhws7ywpanQo78ey9FESPGVooTptc3h9LrMUduovxdBghWmfWKUeRQMlBTZbU6R94UMFsaGF3K6HWEIv2pXlDLVHNj/YWSmUYVqsoxqOnxRJsoZKcuo1ctAlQk/hAkGDmdi0OOYaWwUVsnpCwOaT2vg2u9cGoU89/IC5sXWeO5Oqg7ejirCE/Q1vhyeqXyNVHQY3vNt4VoM2NE754qkjl0juIZRabagsj1f7MIY6kHxP9/lsOu//v/3c8ZgEw0mx3LIBRFUKUWX6BYAHOQZ6KKX8dYVYVHAA==) format('woff2')";

  function isAppSocket(url) {
    try {
      var endpoint = (window.flet && window.flet.webSocketEndpoint) || "/ws";
      return new URL(url, location.href).pathname === new URL(endpoint, location.href).pathname;
    } catch (e) {
      return false;
    }
  }

  function build() {
    var box = document.createElement("div");
    box.id = "fieldsales-connection-lost";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", "连接已断开，正在重连… / Connection lost, reconnecting…");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;display:none;align-items:center;" +
      "justify-content:center;background:rgba(20,24,31,0.55);" +
      "font-family:FieldSalesNotice,'Noto Sans SC',sans-serif;" +
      "touch-action:none;cursor:progress";
    box.innerHTML =
      '<div style="background:#fff;border-radius:14px;padding:22px 26px;max-width:300px;' +
      'text-align:center;box-shadow:0 6px 24px rgba(0,0,0,.3)">' +
      '<div style="width:28px;height:28px;margin:0 auto 12px;border-radius:50%;' +
      "border:3px solid #cfd8e3;border-top-color:#1e5aa8;" +
      'animation:fieldsales-spin 0.9s linear infinite"></div>' +
      '<div style="font-size:17px;font-weight:600;color:#1a1c1e">连接已断开，正在重连…</div>' +
      '<div style="font-size:14px;color:#5f6b7a;margin-top:4px">Connection lost, reconnecting…</div>' +
      '<div style="font-size:13px;color:#5f6b7a;margin-top:10px">' +
      "已保存在手机上的数据不会丢失 · Nothing saved on the phone is lost</div></div>" +
      "<style>@keyframes fieldsales-spin{to{transform:rotate(360deg)}}" +
      "@font-face{font-family:FieldSalesNotice;src:" + NOTICE_FONT + "}</style>";
    document.body.appendChild(box);
    return box;
  }

  function show() {
    if (!document.body) return;
    overlay = overlay || build();
    if (overlay.style.display !== "flex") {
      overlay.style.display = "flex";
      console.warn("FieldSales: connection to the app server lost");
    }
  }

  function hide() {
    if (overlay && overlay.style.display !== "none") {
      overlay.style.display = "none";
      console.info("FieldSales: connection to the app server is back");
    }
  }

  window.addEventListener("offline", show);
  window.addEventListener("online", function () {
    if (live && live.readyState === 1) hide();
  });

  function lost() {
    return overlay !== null && overlay.style.display === "flex";
  }

  // while the notice is up, nothing reaches the app (Flutter listens on window and its host)
  [
    "pointerdown", "pointerup", "pointermove", "mousedown", "mouseup", "click", "dblclick",
    "touchstart", "touchend", "touchmove", "wheel", "keydown", "keyup", "keypress", "input",
  ].forEach(function (type) {
    window.addEventListener(
      type,
      function (event) {
        if (lost()) {
          event.stopImmediatePropagation();
          if (event.cancelable) event.preventDefault();
        }
      },
      { capture: true, passive: false }
    );
  });

  function WatchedWebSocket(url, protocols) {
    var ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    if (isAppSocket(url)) {
      live = ws;
      ws.addEventListener("open", hide);
      ws.addEventListener("close", function () {
        if (live === ws) show();
      });
    }
    return ws;
  }
  WatchedWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) {
    WatchedWebSocket[k] = NativeWebSocket[k];
  });
  window.WebSocket = WatchedWebSocket;

  // a socket can stay "open" while the server is gone (stalled, cable out): ask the server
  // build the (hidden) notice early: it must not need anything from the server when it shows
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      overlay = overlay || build();
    });
  } else {
    overlay = overlay || build();
  }
})();
